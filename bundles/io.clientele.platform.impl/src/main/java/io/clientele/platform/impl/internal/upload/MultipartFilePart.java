package io.clientele.platform.impl.internal.upload;

import io.clientele.platform.api.upload.UploadService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Finds one named part of a {@code multipart/form-data} body (RFC 7578 / RFC 2046) while the body streams past and
 * copies its content out, counting it: a byte past the limit is a 413 right there. Nothing but a part's headers is
 * ever held in memory (at most {@link #MAX_HEADER_BYTES}).
 */
final class MultipartFilePart {

    /** Room for part headers, boundaries and small other fields on top of the file's own limit. */
    static final long OVERHEAD = 64 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_PARTS = 100;

    /** What the part's headers say: the client's file name and declared content type (either may be null). */
    record Header(String fileName, String contentType) {
    }

    private MultipartFilePart() {
    }

    /** The boundary of a multipart/form-data content type: 415 for another type, 400 when it names no usable boundary. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw UploadProblems.notMultipart("Send the file as multipart/form-data with a part named 'file'.");
        }
        String boundary = parameters(contentType).get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70 || boundary.indexOf('\r') >= 0 || boundary.indexOf('\n') >= 0) {
            throw UploadProblems.malformed("The multipart/form-data Content-Type names no usable boundary.");
        }
        return boundary;
    }

    /**
     * Reads the body through the part named {@code name}, copying its content to {@code out} (at most {@code maxBytes},
     * else 413), then reads what follows to the end of the body. 400 when there is no such part or the body is cut off.
     */
    static Header copy(LimitedBody body, String boundary, String name, long maxBytes, OutputStream out) throws IOException {
        Scanner in = new Scanner(body);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        in.pushBack('\r', '\n'); // the first boundary may start the body: make it look like every later one
        if (in.copyUntil(delimiter, OutputStream.nullOutputStream(), Long.MAX_VALUE, null) < 0) {
            throw UploadProblems.malformed("The body has no part delimited by the boundary.");
        }
        for (int parts = 0; parts < MAX_PARTS; parts++) {
            if (!in.startsPart()) {
                throw missing(name);
            }
            Map<String, String> headers = in.headers();
            Map<String, String> disposition = parameters(headers.getOrDefault("content-disposition", ""));
            if (!name.equals(disposition.get("name"))) {
                if (in.copyUntil(delimiter, OutputStream.nullOutputStream(), Long.MAX_VALUE, null) < 0) {
                    throw UploadProblems.malformed("The multipart body ends inside a part.");
                }
                continue;
            }
            if (in.copyUntil(delimiter, out, maxBytes, () -> UploadProblems.tooLarge(Long.toString(maxBytes))) < 0) {
                throw UploadProblems.malformed("The multipart body ends before the '" + name + "' part does.");
            }
            in.drain();
            return new Header(fileName(disposition), headers.get("content-type"));
        }
        throw UploadProblems.malformed("The body has too many parts.");
    }

    private static UploadService.Refused missing(String name) {
        return UploadProblems.malformed("The body has no part named '" + name + "'.");
    }

    private static String fileName(Map<String, String> disposition) {
        String extended = disposition.get("filename*");
        if (extended != null) {
            int quote = extended.indexOf("''");
            if (quote > 0 && extended.substring(0, quote).equalsIgnoreCase("UTF-8")) {
                try {
                    return URLDecoder.decode(extended.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    // fall back to the plain filename
                }
            }
        }
        return disposition.get("filename");
    }

    /** {@code type; a=b; c="d;e"} → {a=b, c=d;e} (names lower-cased; quoted values unescaped; the first of a name wins). */
    static Map<String, String> parameters(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int eq = header.indexOf('=', i + 1);
            if (eq < 0) {
                break;
            }
            String key = header.substring(i + 1, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            while (j < header.length() && header.charAt(j) == ' ') {
                j++;
            }
            StringBuilder value = new StringBuilder();
            if (j < header.length() && header.charAt(j) == '"') {
                j++;
                while (j < header.length() && header.charAt(j) != '"') {
                    char c = header.charAt(j);
                    if (c == '\\' && j + 1 < header.length()) {
                        c = header.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                j = header.indexOf(';', j);
            } else {
                int end = header.indexOf(';', j);
                value.append(header, j, end < 0 ? header.length() : end);
                j = end;
            }
            out.putIfAbsent(key, value.toString().trim());
            i = j;
        }
        return out;
    }

    /** Byte-wise reading over a buffer of the body, with the delimiter search the parts need. */
    private static final class Scanner {

        private final LimitedBody body;
        private byte[] buffer = new byte[64 * 1024];
        private int pos;
        private int limit;

        Scanner(LimitedBody body) {
            this.body = body;
        }

        void pushBack(int a, int b) {
            buffer[0] = (byte) a;
            buffer[1] = (byte) b;
            pos = 0;
            limit = 2;
        }

        int read() {
            if (pos == limit) {
                int n;
                do {
                    n = body.read(buffer, 0, buffer.length);
                } while (n == 0);
                if (n < 0) {
                    return -1;
                }
                pos = 0;
                limit = n;
            }
            return buffer[pos++] & 0xFF;
        }

        /** After a delimiter: CRLF (after optional transport padding) starts a part, {@code --} ends the body. */
        boolean startsPart() {
            int a = read();
            int b = read();
            if (a == '-' && b == '-') {
                return false;
            }
            while (a == ' ' || a == '\t') {
                a = b;
                b = read();
            }
            if (a < 0 || b < 0) {
                throw UploadProblems.malformed("The multipart body ends after a boundary.");
            }
            if (a != '\r' || b != '\n') {
                throw UploadProblems.malformed("A boundary is not followed by a line end.");
            }
            return true;
        }

        /** A part's header lines up to the empty line, names lower-cased. */
        Map<String, String> headers() {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            int state = 2; // how much of CR LF CR LF is seen: the boundary line's CR LF is, so an empty block is one CR LF
            int b;
            while (state < 4) {
                b = read();
                if (b < 0) {
                    throw UploadProblems.malformed("The multipart body ends inside a part's headers.");
                }
                block.write(b);
                if (block.size() > MAX_HEADER_BYTES) {
                    throw UploadProblems.malformed("A multipart part has too many headers.");
                }
                state = switch (state) {
                    case 0, 2 -> b == '\r' ? state + 1 : 0;
                    case 1, 3 -> b == '\n' ? state + 1 : (b == '\r' ? 1 : 0);
                    default -> state;
                };
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : block.toString(StandardCharsets.UTF_8).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            return headers;
        }

        /**
         * Copies bytes up to (not including) {@code delimiter} and consumes it; the number of bytes copied, or -1 when
         * the body ends first. Past {@code max} bytes copied, {@code tooLarge}'s problem is thrown at once. The
         * delimiter starts with CR and has no other CR (a boundary holds none), so after a mismatch matching restarts
         * at the current byte only.
         */
        long copyUntil(byte[] delimiter, OutputStream out, long max, java.util.function.Supplier<UploadService.Refused> tooLarge) throws IOException {
            byte[] chunk = new byte[8192];
            int buffered = 0;
            int matched = 0;
            long total = 0;
            int b;
            while ((b = read()) >= 0) {
                if (b == (delimiter[matched] & 0xFF)) {
                    if (++matched == delimiter.length) {
                        out.write(chunk, 0, buffered);
                        return total;
                    }
                    continue;
                }
                int pending = matched;
                matched = b == (delimiter[0] & 0xFF) ? 1 : 0;
                for (int i = 0; i <= pending; i++) {
                    if (i == pending && matched == 1) {
                        break; // this byte starts a new match
                    }
                    if (buffered == chunk.length) {
                        out.write(chunk, 0, buffered);
                        buffered = 0;
                    }
                    chunk[buffered++] = i < pending ? delimiter[i] : (byte) b;
                    if (++total > max) {
                        throw tooLarge.get();
                    }
                }
            }
            return -1;
        }

        /** Reads what is left of the body (other parts, the closing delimiter, an epilogue), within the body's allowance. */
        void drain() {
            pos = limit;
            while (body.read(buffer, 0, buffer.length) >= 0) {
                // counted by the body's allowance
            }
        }
    }
}
