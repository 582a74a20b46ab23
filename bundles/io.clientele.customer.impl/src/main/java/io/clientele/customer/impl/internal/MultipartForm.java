package io.clientele.customer.impl.internal;

import io.clientele.platform.api.rest.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body (RFC 7578) read from the raw request stream, so that resources need no CXF
 * types: the body is read up to a limit, then split into parts at the boundary the Content-Type names.
 */
final class MultipartForm {

    /** One part: its form field name, file name (if any), declared content type (if any) and bytes. */
    record Part(String name, String fileName, String contentType, byte[] content) {
    }

    /** Room for the part headers and boundaries on top of a file's own size limit. */
    static final int OVERHEAD = 64 * 1024;
    /** How much of a too-large body is still read (and dropped) so the client gets the 413 instead of a reset connection. */
    private static final long DRAIN_LIMIT = 256L * 1024 * 1024;

    private final List<Part> parts;

    private MultipartForm(List<Part> parts) {
        this.parts = parts;
    }

    List<Part> parts() {
        return parts;
    }

    Optional<Part> part(String name) {
        return parts.stream().filter(p -> name.equals(p.name())).findFirst();
    }

    /**
     * Reads at most {@code maxFileBytes + OVERHEAD} bytes of the body; a longer body is a 413 (after draining it,
     * up to a bound). A Content-Type that is not multipart/form-data with a boundary is a 415.
     */
    static MultipartForm read(String contentType, InputStream body, long maxFileBytes) {
        String boundary = boundary(contentType);
        long max = maxFileBytes + OVERHEAD;
        byte[] data;
        try {
            data = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
            if (data.length > max) {
                drain(body);
                throw tooLarge(maxFileBytes);
            }
        } catch (IOException e) {
            throw ProblemException.malformed("The request body could not be read: " + e.getMessage(), null);
        }
        return parse(data, boundary);
    }

    static ProblemException tooLarge(long maxFileBytes) {
        return ProblemException.payloadTooLarge("Files may have at most " + maxFileBytes + " bytes.");
    }

    private static void drain(InputStream body) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while (total < DRAIN_LIMIT && (n = body.read(buffer)) > 0) {
            total += n;
        }
    }

    static String boundary(String contentType) {
        if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ProblemException.unsupportedMediaType("Send the file as multipart/form-data with a part named 'file'.");
        }
        String boundary = parameters(contentType).get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw ProblemException.unsupportedMediaType("The multipart/form-data Content-Type names no usable boundary.");
        }
        return boundary;
    }

    static MultipartForm parse(byte[] data, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(data, delimiter, 0);
        if (pos < 0) {
            throw malformed("The body has no part delimited by the boundary.");
        }
        List<Part> parts = new ArrayList<>();
        pos += delimiter.length;
        while (true) {
            if (pos + 2 <= data.length && data[pos] == '-' && data[pos + 1] == '-') {
                return new MultipartForm(parts); // closing delimiter
            }
            pos = skipLineEnd(data, pos);
            Map<String, String> headers;
            int contentStart;
            if (pos + 1 < data.length && data[pos] == '\r' && data[pos + 1] == '\n') {
                headers = Map.of(); // a part without headers
                contentStart = pos + 2;
            } else {
                int headersEnd = indexOf(data, new byte[] {'\r', '\n', '\r', '\n'}, pos);
                if (headersEnd < 0) {
                    throw malformed("A part's headers are not terminated.");
                }
                headers = headers(new String(data, pos, headersEnd - pos, StandardCharsets.UTF_8));
                contentStart = headersEnd + 4;
            }
            int contentEnd = indexOf(data, next, contentStart);
            if (contentEnd < 0) {
                throw malformed("A part is not closed by the boundary.");
            }
            byte[] content = new byte[contentEnd - contentStart];
            System.arraycopy(data, contentStart, content, 0, content.length);
            Map<String, String> disposition = parameters(headers.getOrDefault("content-disposition", ""));
            parts.add(new Part(disposition.get("name"), fileName(disposition), headers.get("content-type"), content));
            if (parts.size() > 100) {
                throw malformed("The body has too many parts.");
            }
            pos = contentEnd + next.length;
        }
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

    private static int skipLineEnd(byte[] data, int pos) {
        if (pos + 1 < data.length && data[pos] == '\r' && data[pos + 1] == '\n') {
            return pos + 2;
        }
        throw malformed("A boundary is not followed by a line end.");
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** {@code type; a=b; c="d;e"} → {a=b, c=d;e} (names lower-cased; quoted values unescaped). */
    static Map<String, String> parameters(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int eq = header.indexOf('=', i + 1);
            if (eq < 0) {
                break;
            }
            String name = header.substring(i + 1, eq).trim().toLowerCase(Locale.ROOT);
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
            out.putIfAbsent(name, value.toString().trim());
            i = j;
        }
        return out;
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (data[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static ProblemException malformed(String detail) {
        return ProblemException.malformed(detail, "file");
    }
}
