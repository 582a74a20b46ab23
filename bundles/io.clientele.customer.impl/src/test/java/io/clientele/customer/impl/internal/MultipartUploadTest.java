package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.platform.api.rest.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartUploadTest {

    @TempDir
    Path dir;

    private static byte[] body(String boundary, byte[] file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.xlsx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(file);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void theFilePartIsCopiedExactlyEvenWhenItContainsBoundaryLikeBytes() throws IOException {
        String boundary = "----WebKitFormBoundaryX3";
        byte[] file = new byte[300_000];
        new Random(7).nextBytes(file);
        byte[] tricky = ("\r\n--" + boundary.substring(0, 10)).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tricky, 0, file, 1000, tricky.length);
        file[file.length - 1] = '\r';
        String type = "multipart/form-data; boundary=\"" + boundary + "\"";
        MultipartUpload.Part part = MultipartUpload.extract(new ByteArrayInputStream(body(boundary, file)),
                MultipartUpload.boundary(type), "file", 1_000_000, dir);
        assertArrayEquals(file, Files.readAllBytes(part.file()));
        assertEquals(file.length, part.size());
        assertEquals(64, part.sha256().length());
    }

    @Test
    void tooLargeIs413AndNoFileIsLeft() throws IOException {
        byte[] big = new byte[20_000];
        ProblemException e = assertThrows(ProblemException.class, () -> MultipartUpload.extract(
                new ByteArrayInputStream(body("b", big)), "b", "file", 10_000, dir));
        assertEquals(413, e.status());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void wrongOrBrokenBodiesAreClientErrors() {
        assertEquals(415, assertThrows(ProblemException.class, () -> MultipartUpload.boundary("application/json")).status());
        assertEquals(415, assertThrows(ProblemException.class, () -> MultipartUpload.boundary(null)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> MultipartUpload.boundary("multipart/form-data")).status());
        byte[] noFile = "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8);
        ProblemException missing = assertThrows(ProblemException.class,
                () -> MultipartUpload.extract(new ByteArrayInputStream(noFile), "b", "file", 1000, dir));
        assertEquals(400, missing.status());
        assertEquals("file", missing.errors().get(0).field());
        byte[] cut = "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc".getBytes(StandardCharsets.UTF_8);
        assertEquals(400, assertThrows(ProblemException.class,
                () -> MultipartUpload.extract(new ByteArrayInputStream(cut), "b", "file", 1000, dir)).status());
    }
}
