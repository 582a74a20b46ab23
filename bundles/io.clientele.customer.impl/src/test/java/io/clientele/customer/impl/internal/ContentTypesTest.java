package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ContentTypesTest {

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] zip(String... names) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(("content of " + name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void imagesAndPdfAreKnownByTheirMagicNumbers() {
        assertEquals(ContentTypes.PNG, ContentTypes.detect(bytes(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13)));
        assertEquals(ContentTypes.JPEG, ContentTypes.detect(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F')));
        assertEquals(ContentTypes.GIF, ContentTypes.detect("GIF89a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ContentTypes.GIF, ContentTypes.detect("GIF87a".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ContentTypes.WEBP, ContentTypes.detect("RIFF\u0024\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ContentTypes.PDF, ContentTypes.detect("%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1)));
        // a RIFF that is not WebP (a WAV file) is refused
        assertNull(ContentTypes.detect("RIFF\u0024\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void officeDocumentsAreZipsWithTheirOwnParts() throws IOException {
        assertEquals(ContentTypes.DOCX, ContentTypes.detect(zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")));
        assertEquals(ContentTypes.XLSX, ContentTypes.detect(zip("[Content_Types].xml", "xl/workbook.xml")));
        assertEquals(ContentTypes.PPTX, ContentTypes.detect(zip("[Content_Types].xml", "ppt/presentation.xml")));
        assertNull(ContentTypes.detect(zip("readme.txt", "word/document.xml")), "a plain zip is not an Office document");
        assertNull(ContentTypes.detect(zip("[Content_Types].xml", "other/thing.xml")));
    }

    @Test
    void plainTextIsValidUtf8WithoutControlCharacters() {
        assertEquals(ContentTypes.TEXT, ContentTypes.detect("Olá, mundo!\r\n\tlinha 2\n".getBytes(StandardCharsets.UTF_8)));
        assertNull(ContentTypes.detect(bytes('M', 'Z', 0x90, 0, 3, 0)), "an executable");
        assertNull(ContentTypes.detect(bytes('a', 'b', 0, 'c')), "a NUL byte");
        assertNull(ContentTypes.detect(bytes('a', 0xc3, 0x28)), "invalid UTF-8");
        assertNull(ContentTypes.detect(bytes('a', 0x1b, '[', '3', '1', 'm')), "terminal escapes");
        assertNull(ContentTypes.detect(new byte[0]));
    }

    @Test
    void aDeclaredTypeMustAgreeWithTheContent() {
        assertTrue(ContentTypes.agrees(null, ContentTypes.PNG));
        assertTrue(ContentTypes.agrees("application/octet-stream", ContentTypes.PDF));
        assertTrue(ContentTypes.agrees("image/PNG", ContentTypes.PNG));
        assertTrue(ContentTypes.agrees("text/plain; charset=utf-8", ContentTypes.TEXT));
        assertTrue(ContentTypes.agrees("image/jpg", ContentTypes.JPEG));
        assertTrue(ContentTypes.agrees("application/zip", ContentTypes.DOCX));
        assertFalse(ContentTypes.agrees("image/png", ContentTypes.PDF));
        assertFalse(ContentTypes.agrees("text/html", ContentTypes.TEXT));
        assertFalse(ContentTypes.agrees("application/zip", ContentTypes.PNG));
    }
}
