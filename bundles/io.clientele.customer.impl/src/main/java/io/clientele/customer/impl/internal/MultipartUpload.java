package io.clientele.customer.impl.internal;

import io.clientele.platform.api.rest.ProblemException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams one part of a {@code multipart/form-data} body to a temporary file, counting bytes as they pass: more
 * than {@code maxBytes} is a 413 at that point, so a huge upload never sits in memory (nor wholly on disk).
 * The part's SHA-256 is computed on the way (for {@code Idempotency-Key}).
 */
final class MultipartUpload {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]{1,70})\"|([^;,\\s]{1,70}))");
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=(?:\"([^\"]*)\"|([^;\\s]*))");
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** The stored part: where it is, how big, its digest. The caller deletes the file. */
    record Part(Path file, long size, String sha256) {
    }

    private MultipartUpload() {
    }

    /** The boundary of a multipart/form-data content type; anything else is a 415. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ProblemException.unsupportedMediaType("Send the file as multipart/form-data with a part named 'file'.");
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw ProblemException.malformed("The multipart content type has no boundary.", "file");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** Copies the part named {@code field} to a new temporary file. */
    static Part extract(InputStream body, String boundary, String field, long maxBytes, Path directory) throws IOException {
        // a CRLF before the body lets the first boundary be found like every later one (RFC 2046 delimiter)
        InputStream in = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(new byte[] {'\r', '\n'}),
                new BufferedInputStream(body, 64 * 1024));
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        if (!skipPast(in, delimiter, maxBytes)) {
            throw missing(field);
        }
        while (true) {
            if (!afterBoundary(in)) {
                throw missing(field);
            }
            String headers = readHeaders(in);
            boolean wanted = field.equals(partName(headers));
            if (!wanted) {
                if (!skipPast(in, delimiter, Long.MAX_VALUE)) {
                    throw missing(field);
                }
                continue;
            }
            Path file = Files.createTempFile(directory, "clientele-upload-", ".part");
            boolean ok = false;
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                long size;
                try (OutputStream out = Files.newOutputStream(file)) {
                    size = copyUntil(in, delimiter, out, digest, maxBytes);
                }
                if (size < 0) {
                    throw ProblemException.malformed("The multipart body ends before the file part does.", "file");
                }
                ok = true;
                return new Part(file, size, HexFormat.of().formatHex(digest.digest()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            } finally {
                if (!ok) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static ProblemException missing(String field) {
        return ProblemException.invalid(field, "is required: send the spreadsheet as the multipart part '" + field + "'");
    }

    /** After a boundary: CRLF starts a part, {@code --} ends the body. */
    private static boolean afterBoundary(InputStream in) throws IOException {
        int a = in.read();
        int b = in.read();
        if (a == '-' && b == '-') {
            return false;
        }
        while (a == ' ' || a == '\t') { // transport padding
            a = b;
            b = in.read();
        }
        return a == '\r' && b == '\n';
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw ProblemException.malformed("The multipart body ends inside a part's headers.", "file");
            }
            buf.write(b);
            if (buf.size() > MAX_HEADER_BYTES) {
                throw ProblemException.malformed("A multipart part has too many headers.", "file");
            }
            state = switch (state) {
                case 0, 2 -> b == '\r' ? state + 1 : 0;
                case 1, 3 -> b == '\n' ? state + 1 : (b == '\r' ? 1 : 0);
                default -> state;
            };
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    static String partName(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                Matcher m = NAME.matcher(line.substring(colon + 1));
                if (m.find()) {
                    return m.group(1) != null ? m.group(1) : m.group(2);
                }
            }
        }
        return null;
    }

    /** Skips bytes through the first occurrence of {@code pattern}; false at end of input. */
    private static boolean skipPast(InputStream in, byte[] pattern, long maxBytes) throws IOException {
        return copyUntil(in, pattern, OutputStream.nullOutputStream(), null, maxBytes) >= 0;
    }

    /**
     * Copies bytes up to (not including) {@code delimiter}, consuming it. Returns the bytes copied, or -1 at end of
     * input. The delimiter starts with CR, found nowhere else in it (a boundary has no CR), so a mismatch restarts
     * matching at that byte only.
     */
    static long copyUntil(InputStream in, byte[] delimiter, OutputStream out, MessageDigest digest, long maxBytes) throws IOException {
        byte[] buffer = new byte[8192];
        int buffered = 0;
        int matched = 0;
        long total = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == (delimiter[matched] & 0xFF)) {
                matched++;
                if (matched == delimiter.length) {
                    flush(out, digest, buffer, buffered);
                    return total;
                }
                continue;
            }
            // the matched prefix was data after all
            for (int i = 0; i < matched; i++) {
                if (buffered == buffer.length) {
                    flush(out, digest, buffer, buffered);
                    buffered = 0;
                }
                buffer[buffered++] = delimiter[i];
                total++;
            }
            matched = b == (delimiter[0] & 0xFF) ? 1 : 0;
            if (matched == 0) {
                if (buffered == buffer.length) {
                    flush(out, digest, buffer, buffered);
                    buffered = 0;
                }
                buffer[buffered++] = (byte) b;
                total++;
            }
            if (total > maxBytes) {
                throw ProblemException.payloadTooLarge("The file is larger than the limit of " + maxBytes + " bytes.");
            }
        }
        return -1;
    }

    private static void flush(OutputStream out, MessageDigest digest, byte[] buffer, int length) throws IOException {
        if (length > 0) {
            out.write(buffer, 0, length);
            if (digest != null) {
                digest.update(buffer, 0, length);
            }
        }
    }
}
