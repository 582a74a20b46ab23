package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Detection reads a file (the upload's temporary file), as a stream. */
    static String detect(byte[] content) {
        try {
            Path file = Files.createTempFile("content-types-", ".bin");
            try {
                Files.write(file, content);
                return ContentTypes.detect(file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        assertEquals(ContentTypes.PNG, detect(bytes(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13)));
        assertEquals(ContentTypes.JPEG, detect(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F')));
        assertEquals(ContentTypes.GIF, detect("GIF89a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ContentTypes.GIF, detect("GIF87a".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ContentTypes.WEBP, detect("RIFF\u0024\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ContentTypes.PDF, detect("%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1)));
        // a RIFF that is not WebP (a WAV file) is refused
        assertNull(detect("RIFF\u0024\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void officeDocumentsAreZipsWithTheirOwnParts() throws IOException {
        assertEquals(ContentTypes.DOCX, detect(zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")));
        assertEquals(ContentTypes.XLSX, detect(zip("[Content_Types].xml", "xl/workbook.xml")));
        assertEquals(ContentTypes.PPTX, detect(zip("[Content_Types].xml", "ppt/presentation.xml")));
        assertNull(detect(zip("readme.txt", "word/document.xml")), "a plain zip is not an Office document");
        assertNull(detect(zip("[Content_Types].xml", "other/thing.xml")));
        byte[] docx = zip("[Content_Types].xml", "word/document.xml");
        assertNull(detect(java.util.Arrays.copyOf(docx, docx.length - 30)), "a zip cut off before its directory");
    }

    @Test
    void plainTextIsValidUtf8WithoutControlCharacters() {
        assertEquals(ContentTypes.TEXT, detect("Olá, mundo!\r\n\tlinha 2\n".getBytes(StandardCharsets.UTF_8)));
        assertNull(detect(bytes('M', 'Z', 0x90, 0, 3, 0)), "an executable");
        assertNull(detect(bytes('a', 'b', 0, 'c')), "a NUL byte");
        assertNull(detect(bytes('a', 0xc3, 0x28)), "invalid UTF-8");
        assertNull(detect(bytes('a', 0x1b, '[', '3', '1', 'm')), "terminal escapes");
        assertNull(detect(new byte[0]));
        // read as a stream: long texts are judged whole, characters split between reads included
        String longText = "ç".repeat(50_000) + "\n";
        assertEquals(ContentTypes.TEXT, detect(longText.getBytes(StandardCharsets.UTF_8)));
        assertNull(detect((longText + "\u0000").getBytes(StandardCharsets.UTF_8)), "a NUL far into the file");
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
