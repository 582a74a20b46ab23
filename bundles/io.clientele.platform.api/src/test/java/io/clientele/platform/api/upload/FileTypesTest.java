package io.clientele.platform.api.upload;

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

class FileTypesTest {

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
                return FileTypes.detect(file);
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
        assertEquals(FileTypes.PNG, detect(bytes(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13)));
        assertEquals(FileTypes.JPEG, detect(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F')));
        assertEquals(FileTypes.GIF, detect("GIF89a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(FileTypes.GIF, detect("GIF87a".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(FileTypes.WEBP, detect("RIFF\u0024\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(FileTypes.PDF, detect("%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1)));
        // a RIFF that is not WebP (a WAV file) is refused
        assertNull(detect("RIFF\u0024\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void officeDocumentsAreZipsWithTheirOwnParts() throws IOException {
        assertEquals(FileTypes.DOCX, detect(zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")));
        assertEquals(FileTypes.XLSX, detect(zip("[Content_Types].xml", "xl/workbook.xml")));
        assertEquals(FileTypes.PPTX, detect(zip("[Content_Types].xml", "ppt/presentation.xml")));
        assertEquals(FileTypes.ZIP, detect(zip("readme.txt", "word/document.xml")), "a plain zip is not an Office document");
        assertEquals(FileTypes.ZIP, detect(zip("[Content_Types].xml", "other/thing.xml")));
        assertFalse(FileTypes.ALL.contains(FileTypes.ZIP), "callers of ALL still refuse a plain zip");
        byte[] docx = zip("[Content_Types].xml", "word/document.xml");
        assertNull(detect(java.util.Arrays.copyOf(docx, docx.length - 30)), "a zip cut off before its directory");
    }

    @Test
    void mp4AndWebmVideosAreKnownByTheirHeaders() {
        byte[] mp4 = "\u0000\u0000\u0000\u0020ftypisom\u0000\u0000\u0002\u0000isomiso2avc1mp41".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(FileTypes.MP4, detect(mp4));
        assertEquals(FileTypes.MP4, detect("\u0000\u0000\u0000\u0018ftypmp42\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1)));
        // an HEIC or AVIF still image in the same box format is not a video
        assertNull(detect("\u0000\u0000\u0000\u0018ftypheic\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1)));
        assertNull(detect("\u0000\u0000\u0000\u001cftypavif\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1)));
        byte[] webm = bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3,
                0x81, 0x08, 0x42, 0x82, 0x84, 'w', 'e', 'b', 'm', 0x42, 0x87, 0x81, 0x04);
        assertEquals(FileTypes.WEBM, detect(webm));
        byte[] matroska = bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88, 'm', 'a', 't', 'r', 'o', 's', 'k', 'a');
        assertNull(detect(matroska), "a Matroska file that is not WebM");
        assertTrue(FileTypes.agrees("video/mp4", FileTypes.MP4));
        assertFalse(FileTypes.agrees("video/webm", FileTypes.MP4));
        assertTrue(FileTypes.agrees("application/x-zip-compressed", FileTypes.ZIP));
        assertFalse(FileTypes.ALL.contains(FileTypes.MP4), "callers of ALL still refuse videos");
    }

    @Test
    void svgAndHtmlAreTextNotImages() {
        assertEquals(FileTypes.TEXT, detect("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(FileTypes.TEXT, detect("<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)));
        assertFalse(FileTypes.IMAGES.contains(FileTypes.TEXT));
    }

    @Test
    void plainTextIsValidUtf8WithoutControlCharacters() {
        assertEquals(FileTypes.TEXT, detect("Olá, mundo!\r\n\tlinha 2\n".getBytes(StandardCharsets.UTF_8)));
        assertNull(detect(bytes('M', 'Z', 0x90, 0, 3, 0)), "an executable");
        assertNull(detect(bytes('a', 'b', 0, 'c')), "a NUL byte");
        assertNull(detect(bytes('a', 0xc3, 0x28)), "invalid UTF-8");
        assertNull(detect(bytes('a', 0x1b, '[', '3', '1', 'm')), "terminal escapes");
        assertNull(detect(new byte[0]));
        // read as a stream: long texts are judged whole, characters split between reads included
        String longText = "ç".repeat(50_000) + "\n";
        assertEquals(FileTypes.TEXT, detect(longText.getBytes(StandardCharsets.UTF_8)));
        assertNull(detect((longText + "\u0000").getBytes(StandardCharsets.UTF_8)), "a NUL far into the file");
    }

    @Test
    void aDeclaredTypeMustAgreeWithTheContent() {
        assertTrue(FileTypes.agrees(null, FileTypes.PNG));
        assertTrue(FileTypes.agrees("application/octet-stream", FileTypes.PDF));
        assertTrue(FileTypes.agrees("image/PNG", FileTypes.PNG));
        assertTrue(FileTypes.agrees("text/plain; charset=utf-8", FileTypes.TEXT));
        assertTrue(FileTypes.agrees("image/jpg", FileTypes.JPEG));
        assertTrue(FileTypes.agrees("application/zip", FileTypes.DOCX));
        assertFalse(FileTypes.agrees("image/png", FileTypes.PDF));
        assertFalse(FileTypes.agrees("text/html", FileTypes.TEXT));
        assertFalse(FileTypes.agrees("application/zip", FileTypes.PNG));
    }

    /** An upload over a temporary file, as the platform's UploadService hands one over. */
    static Upload upload(byte[] content, String declared) throws IOException {
        Path file = Files.createTempFile("upload-", ".bin");
        Files.write(file, content);
        return new Upload() {
            public String fileName() { return "setup.pdf"; }
            public String contentType() { return declared; }
            public long size() { return content.length; }
            public String sha256() { return ""; }
            public java.io.InputStream open() throws IOException { return Files.newInputStream(file); }
            public Path file() { return file; }
            public void close() { file.toFile().delete(); }
        };
    }

    @Test
    void requireAnswersTheTypeByContentAndRefusesNamingTheFileField() throws IOException {
        try (Upload pdf = upload("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), "application/pdf")) {
            assertEquals(FileTypes.PDF, FileTypes.require(pdf, FileTypes.ALL, "PDF"));
        }
        // an executable named setup.pdf and declared as a PDF
        try (Upload exe = upload(bytes('M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0), "application/pdf")) {
            UploadService.Refused r = org.junit.jupiter.api.Assertions.assertThrows(UploadService.Refused.class,
                    () -> FileTypes.require(exe, FileTypes.ALL, "PDF"));
            assertEquals(UploadService.Refused.Reason.UNACCEPTED_TYPE, r.reason());
            assertEquals("file", r.fields().get(0).field());
        }
        try (Upload pdf = upload("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), null)) {
            assertEquals(UploadService.Refused.Reason.UNACCEPTED_TYPE, org.junit.jupiter.api.Assertions.assertThrows(
                    UploadService.Refused.class, () -> FileTypes.require(pdf, FileTypes.IMAGES, "images")).reason());
        }
        try (Upload png = upload(bytes(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), "application/pdf")) {
            assertEquals(UploadService.Refused.Reason.UNACCEPTED_TYPE, org.junit.jupiter.api.Assertions.assertThrows(
                    UploadService.Refused.class, () -> FileTypes.require(png, FileTypes.ALL, "any")).reason());
        }
        try (Upload empty = upload(new byte[0], null)) {
            assertEquals(UploadService.Refused.Reason.EMPTY_FILE, org.junit.jupiter.api.Assertions.assertThrows(
                    UploadService.Refused.class, () -> FileTypes.require(empty, FileTypes.ALL, "any")).reason());
        }
    }
}
