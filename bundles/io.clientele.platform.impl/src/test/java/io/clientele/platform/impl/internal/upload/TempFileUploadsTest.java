package io.clientele.platform.impl.internal.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.upload.UploadService.Refused;
import io.clientele.platform.api.upload.UploadService.Refused.Reason;
import io.clientele.platform.api.upload.Upload;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFileUploadsTest {

    private static final String BOUNDARY = "----clientele-boundary-42";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    @TempDir
    Path dir;

    record Config(String directory, int maxConcurrentUploads, int retryAfterSeconds) implements UploadConfig {
        @Override
        public Class<? extends Annotation> annotationType() {
            return UploadConfig.class;
        }
    }

    private TempFileUploads service(int maxConcurrent) {
        return new TempFileUploads((String) null, new Config(dir.toString(), maxConcurrent, 7));
    }

    /** A body stream that counts what was read from it, like the container's request stream. */
    static final class CountingBody extends InputStream {
        private final InputStream in;
        long read;

        CountingBody(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }

    static byte[] multipart(String fileHeaders, byte[] content, String before, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + BOUNDARY + "\r\n" + fileHeaders + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + after).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static byte[] file(String name, String type, byte[] content) {
        return multipart("Content-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: " + type,
                content, "", "--\r\n");
    }

    static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private long filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    @Test
    void theFilePartIsStreamedToATemporaryFileThatCloseDeletes() throws Exception {
        TempFileUploads uploads = service(4);
        byte[] content = random(300_000);
        Upload upload = uploads.receiveFile(MULTIPART, null, new ByteArrayInputStream(file("contas de março.xlsx", "application/zip", content)), 300_000);
        assertEquals("contas de março.xlsx", upload.fileName());
        assertEquals("application/zip", upload.contentType());
        assertEquals(content.length, upload.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), upload.sha256());
        try (InputStream in = upload.open()) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertTrue(upload.file().startsWith(dir));
        assertArrayEquals(content, Files.readAllBytes(upload.file()));
        assertEquals(1, uploads.uploadsInProgress());

        upload.close();
        assertFalse(Files.exists(upload.file()));
        assertEquals(0, filesIn(dir));
        assertEquals(0, uploads.uploadsInProgress());
        assertThrows(IOException.class, upload::open);
        upload.close(); // idempotent: the slot is not given back twice
        assertEquals(0, uploads.uploadsInProgress());
    }

    @Test
    void contentThatLooksLikeADelimiterStaysContent() throws Exception {
        byte[] content = ("\r\n--" + BOUNDARY.substring(0, 10) + "\r\r\n-\r\n--" + BOUNDARY + "X").getBytes(StandardCharsets.ISO_8859_1);
        // the delimiter is CRLF--boundary: "--boundaryX" without its CRLF, and broken prefixes, are data
        byte[] tricky = ("a\r\n--" + BOUNDARY.substring(0, 5) + "\r--" + BOUNDARY + "\r").getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] c : new byte[][] {tricky, new byte[0], "\r".getBytes(StandardCharsets.ISO_8859_1)}) {
            try (Upload upload = service(4).receiveFile(MULTIPART, null, new ByteArrayInputStream(file("x.bin", "text/plain", c)), 1000)) {
                assertArrayEquals(c, Files.readAllBytes(upload.file()));
            }
        }
        // a file containing "\r\n--<boundary>X" ends at that delimiter (as RFC 2046 says); what follows is not the file
        try (Upload upload = service(4).receiveFile(MULTIPART, null, new ByteArrayInputStream(file("x.bin", "text/plain", content)), 1000)) {
            assertEquals("\r\n--" + BOUNDARY.substring(0, 10) + "\r\r\n-", new String(Files.readAllBytes(upload.file()), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void otherPartsAreSkippedAndAFilenameStarIsDecoded() throws Exception {
        byte[] content = "name;email\nAna;ana@x.test\n".getBytes(StandardCharsets.UTF_8);
        byte[] body = multipart("Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"; filename*=UTF-8''rela%C3%A7%C3%A3o.csv",
                content, "preamble\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n",
                "\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\nx\r\n--" + BOUNDARY + "--\r\nepilogue");
        try (Upload upload = service(4).receiveFile(MULTIPART, null, new ByteArrayInputStream(body), 100)) {
            assertEquals("relação.csv", upload.fileName());
            assertNull(upload.contentType());
            assertArrayEquals(content, Files.readAllBytes(upload.file()));
        }
    }

    @Test
    void aFileOverTheLimitIsRefusedAsItsBytesArriveAndLeavesNoFile() throws Exception {
        TempFileUploads uploads = service(4);
        int limit = 1024 * 1024;
        // exactly the limit is accepted, one byte more is not
        try (Upload atLimit = uploads.receiveFile(MULTIPART, null, new ByteArrayInputStream(file("a.bin", "x/y", random(limit))), limit)) {
            assertEquals(limit, atLimit.size());
        }
        Refused oneMore = assertThrows(Refused.class,
                () -> uploads.receiveFile(MULTIPART, null, new ByteArrayInputStream(file("a.bin", "x/y", random(limit + 1))), limit));
        assertEquals(Reason.TOO_LARGE, oneMore.reason());
        assertEquals(Refusal.Kind.TOO_LARGE, oneMore.kind());

        // a 20 MB file against a 1 MB limit: refused once the limit is passed, the rest never read
        CountingBody body = new CountingBody(file("big.bin", "x/y", random(20 * limit)));
        Refused tooLarge = assertThrows(Refused.class, () -> uploads.receiveFile(MULTIPART, null, body, limit));
        assertEquals(Reason.TOO_LARGE, tooLarge.reason());
        assertTrue(body.read <= limit + MultipartFilePart.OVERHEAD + 1, "read " + body.read);
        assertTrue(body.read > limit, "read " + body.read);
        assertEquals(0, filesIn(dir));
        assertEquals(0, uploads.uploadsInProgress());
    }

    @Test
    void aRawBodyIsReadToOneBytePastTheLimitAndNoFurther() throws Exception {
        TempFileUploads uploads = service(4);
        int limit = 100_000;
        CountingBody body = new CountingBody(random(5 * limit));
        Refused tooLarge = assertThrows(Refused.class, () -> uploads.receiveBody("application/pdf", null, body, limit));
        assertEquals(Reason.TOO_LARGE, tooLarge.reason());
        assertEquals(limit + 1, body.read);
        assertEquals(0, filesIn(dir));

        byte[] pdf = random(limit);
        try (Upload upload = uploads.receiveBody("application/pdf", Integer.toString(limit), new ByteArrayInputStream(pdf), limit)) {
            assertEquals("application/pdf", upload.contentType());
            assertNull(upload.fileName());
            assertArrayEquals(pdf, Files.readAllBytes(upload.file()));
        }
        assertEquals(0, uploads.uploadsInProgress());
    }

    @Test
    void anAnnouncedLengthOverTheLimitIsRefusedBeforeReading() {
        TempFileUploads uploads = service(4);
        CountingBody raw = new CountingBody(random(10));
        assertEquals(Reason.TOO_LARGE, assertThrows(Refused.class, () -> uploads.receiveBody(null, "314572800", raw, 1000)).reason());
        CountingBody form = new CountingBody(random(10));
        assertEquals(Reason.TOO_LARGE, assertThrows(Refused.class,
                () -> uploads.receiveFile(MULTIPART, "314572800", form, 20 * 1024 * 1024)).reason());
        assertEquals(0, raw.read + form.read);
        assertEquals(0, uploads.uploadsInProgress());
    }

    @Test
    void malformedMultipartBodiesAre400AndNotMultipartIs415() throws Exception {
        TempFileUploads uploads = service(4);
        byte[] good = file("a.csv", "text/csv", "a;b\n".getBytes(StandardCharsets.UTF_8));
        assertMalformed(() -> uploads.receiveFile("multipart/form-data", null, new ByteArrayInputStream(good), 100));
        assertMalformed(() -> uploads.receiveFile("multipart/form-data; boundary=\"\"", null, new ByteArrayInputStream(good), 100));
        // no part named file
        byte[] noFile = multipart("Content-Disposition: form-data; name=\"document\"; filename=\"a.csv\"", "a".getBytes(StandardCharsets.UTF_8), "", "--\r\n");
        assertMalformed(() -> uploads.receiveFile(MULTIPART, null, new ByteArrayInputStream(noFile), 100));
        // no boundary at all in the body
        assertMalformed(() -> uploads.receiveFile(MULTIPART, null, new ByteArrayInputStream("just text".getBytes(StandardCharsets.UTF_8)), 100));
        // cut off inside the file, inside the headers, and right after a boundary
        assertMalformed(() -> uploads.receiveFile(MULTIPART, null, new ByteArrayInputStream(java.util.Arrays.copyOf(good, good.length - 20)), 100));
        assertMalformed(() -> uploads.receiveFile(MULTIPART, null, new ByteArrayInputStream(java.util.Arrays.copyOf(good, 40)), 100));
        assertMalformed(() -> uploads.receiveFile(MULTIPART, null, new ByteArrayInputStream(("--" + BOUNDARY).getBytes(StandardCharsets.UTF_8)), 100));
        // a body that fails while being read (the client went away)
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Early EOF");
            }
        };
        assertMalformed(() -> uploads.receiveFile(MULTIPART, null, failing, 100));

        Refused notMultipart = assertThrows(Refused.class,
                () -> uploads.receiveFile("application/json", null, new ByteArrayInputStream(good), 100));
        assertEquals(Reason.NOT_MULTIPART, notMultipart.reason());
        assertEquals(Refusal.Kind.UNSUPPORTED_TYPE, notMultipart.kind());
        assertEquals(0, filesIn(dir));
        assertEquals(0, uploads.uploadsInProgress());
    }

    private static void assertMalformed(org.junit.jupiter.api.function.Executable call) {
        Refused p = assertThrows(Refused.class, call);
        assertEquals(Reason.MALFORMED_BODY, p.reason(), p.getMessage());
        assertEquals(Refusal.Kind.MALFORMED, p.kind());
        assertEquals("file", p.fields().get(0).field());
    }

    @Test
    void whenEverySlotIsTakenTheNextUploadIs503WithRetryAfterAtOnce() throws Exception {
        TempFileUploads uploads = service(2);
        Upload first = uploads.receiveBody(null, null, new ByteArrayInputStream(new byte[] {1}), 10);
        Upload second = uploads.receiveFile(MULTIPART, null, new ByteArrayInputStream(file("a", "b/c", new byte[] {2})), 10);
        CountingBody third = new CountingBody(new byte[] {3});
        Refused busy = assertThrows(Refused.class, () -> uploads.receiveBody(null, null, third, 10));
        assertEquals(Reason.BUSY, busy.reason());
        assertEquals(Refusal.Kind.BUSY, busy.kind());
        assertEquals(7L, busy.retryAfterSeconds());
        assertEquals(0, third.read);
        assertEquals(2, filesIn(dir));

        first.close();
        try (Upload again = uploads.receiveBody(null, null, new ByteArrayInputStream(new byte[] {4}), 10)) {
            assertEquals(1, again.size());
            // a raised cap applies at once
            uploads.modified(new Config(dir.toString(), 3, 7));
            uploads.receiveBody(null, null, new ByteArrayInputStream(new byte[] {5}), 10).close();
        }
        second.close();
        assertEquals(0, uploads.uploadsInProgress());
        assertEquals(0, filesIn(dir));
    }

    @Test
    void filesLeftByACrashAreRemovedAtStart() throws Exception {
        Path leftover = Files.createFile(dir.resolve(TempFileUploads.PREFIX + "123.tmp"));
        Path unrelated = Files.createFile(dir.resolve("keep.txt"));
        TempFileUploads uploads = service(1);
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(unrelated));
        assertEquals(dir, uploads.directory());
        // the default folder is under karaf.data
        Path data = Files.createDirectory(dir.resolve("data"));
        assertEquals(data.resolve("tmp").resolve("uploads"), new TempFileUploads(data.toString(), new Config("", 4, 5)).directory());
        assertTrue(Files.isDirectory(data.resolve("tmp").resolve("uploads")));
    }
}
