package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.platform.api.rest.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartFormTest {

    private static byte[] body(String boundary, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"relatório \\\"final\\\".pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void partsAreSplitAtTheBoundaryWithTheirNamesAndBytes() {
        byte[] file = {'%', 'P', 'D', 'F', '-', '\r', '\n', '-', '-', 0, (byte) 0xff};
        MultipartForm form = MultipartForm.read("multipart/form-data; boundary=\"xYz-1\"",
                new ByteArrayInputStream(body("xYz-1", file)), 1000);
        assertEquals(2, form.parts().size());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), form.part("note").orElseThrow().content());
        MultipartForm.Part part = form.part("file").orElseThrow();
        assertEquals("relatório \"final\".pdf", part.fileName());
        assertEquals("application/pdf", part.contentType());
        assertArrayEquals(file, part.content());
    }

    @Test
    void aBodyOverTheLimitIsPayloadTooLarge() {
        byte[] big = new byte[MultipartForm.OVERHEAD + 2000];
        ProblemException e = assertThrows(ProblemException.class, () -> MultipartForm.read("multipart/form-data; boundary=b",
                new ByteArrayInputStream(body("b", big)), 1000));
        assertEquals(413, e.status());
    }

    @Test
    void otherContentTypesAndBrokenBodiesAreClientErrors() {
        assertEquals(415, assertThrows(ProblemException.class,
                () -> MultipartForm.read("application/json", new ByteArrayInputStream(new byte[0]), 10)).status());
        assertEquals(415, assertThrows(ProblemException.class,
                () -> MultipartForm.read("multipart/form-data", new ByteArrayInputStream(new byte[0]), 10)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> MultipartForm.read("multipart/form-data; boundary=b",
                new ByteArrayInputStream("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end".getBytes()), 100)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> MultipartForm.read("multipart/form-data; boundary=b",
                new ByteArrayInputStream("garbage".getBytes()), 100)).status());
    }

    @Test
    void fileNamesLoseTheirPathAndControlCharacters() {
        assertEquals("evil.txt", FileNames.sanitize("../../etc/evil.txt"));
        assertEquals("a.txt", FileNames.sanitize("C:\\Users\\x\\a.txt"));
        assertEquals("ab.txt", FileNames.sanitize("a\r\nb.txt"));
        assertEquals("attachment", FileNames.sanitize(".."));
        assertEquals("attachment; filename=\"relat_rio _final_.pdf\"; filename*=UTF-8''relat%C3%B3rio%20%22final%22.pdf",
                FileNames.contentDisposition("relatório \"final\".pdf"));
    }
}
