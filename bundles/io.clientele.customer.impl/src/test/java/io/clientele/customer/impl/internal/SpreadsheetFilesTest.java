package io.clientele.customer.impl.internal;

import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.sheets.SheetFormat;
import io.clientele.platform.sheets.SheetWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpreadsheetFilesTest {

    @TempDir
    Path dir;

    record Row(int number, List<String> cells) {
    }

    private List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        SpreadsheetFiles.read(file, SpreadsheetFiles.detect(file), (n, cells) -> rows.add(new Row(n, SpreadsheetFiles.Cell.texts(cells))));
        return rows;
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Path xlsx(String name, List<List<String>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SheetWriter.write(out, SheetFormat.XLSX, SheetWriter.Table.of("Customers", rows.get(0)), sink -> {
            for (List<String> r : rows.subList(1, rows.size())) {
                sink.row(r);
            }
        });
        return write(name, out.toByteArray());
    }

    @Test
    void contentDecidesTheFormatNotTheName() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        ProblemException e = assertThrows(ProblemException.class, () -> SpreadsheetFiles.detect(write("photo.xlsx", png)));
        assertEquals(415, e.status());
        assertEquals(400, assertThrows(ProblemException.class, () -> SpreadsheetFiles.detect(write("empty.csv", new byte[0]))).status());
        assertEquals(SheetFormat.CSV, SpreadsheetFiles.detect(write("x.xlsx", "Name\nAcme\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals(SheetFormat.XLSX, SpreadsheetFiles.detect(xlsx("data.csv", List.of(List.of("Name")))));
    }

    @Test
    void csvRowsAreNumberedAsASpreadsheetShowsThem() throws IOException {
        String csv = "\uFEFFName;Company name;Profile\r\n"
                + "Ana;Ana Ltda;\"two\nlines\"\r\n"
                + ";;\r\n"
                + "Bruno;\"Semi;colon\";x\r\n";
        List<Row> rows = read(write("c.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, rows.size(), "the blank row is skipped");
        assertEquals(new Row(1, List.of("Name", "Company name", "Profile")), rows.get(0));
        assertEquals(new Row(2, List.of("Ana", "Ana Ltda", "two\nlines")), rows.get(1));
        assertEquals(new Row(4, List.of("Bruno", "Semi;colon", "x")), rows.get(2));
    }

    @Test
    void csvInWindows1252IsReadToo() throws IOException {
        byte[] latin = "Name,City\nJos\u00e9,S\u00e3o Paulo\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        List<Row> rows = read(write("l.csv", latin));
        assertEquals(List.of("Jos\u00e9", "S\u00e3o Paulo"), rows.get(1).cells());
    }

    @Test
    void xlsxIsStreamedRowByRowWithSparseCellsFilled() throws IOException {
        Path file = xlsx("x.xlsx", List.of(List.of("Name", "Company name", "Phone"), List.of("Ana", "", "=1+1"),
                Arrays.asList("", "", ""), List.of("Bruno", "B Ltd", "")));
        List<Row> rows = read(file);
        assertEquals(3, rows.size());
        assertEquals(new Row(2, List.of("Ana", "", "=1+1")), rows.get(1));
        assertEquals(4, rows.get(2).number(), "the empty row 3 is skipped but keeps its number");
        assertEquals("Bruno", rows.get(2).cells().get(0));
    }

    /** Copies a workbook with one entry replaced. */
    private Path replaceEntry(Path xlsx, String name, String entry, EntryWriter content) throws IOException {
        Path target = dir.resolve(name);
        try (ZipFile in = new ZipFile(xlsx.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(entry)) {
                    content.write(out);
                } else {
                    in.getInputStream(e).transferTo(out);
                }
                out.closeEntry();
            }
        }
        return target;
    }

    interface EntryWriter {
        void write(OutputStream out) throws IOException;
    }

    @Test
    void aZipBombIsRefusedAs400() throws IOException {
        Path ok = xlsx("ok.xlsx", List.of(List.of("Name"), List.of("Ana")));
        Path bomb = replaceEntry(ok, "bomb.xlsx", "xl/worksheets/sheet1.xml", out -> {
            out.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    .getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                out.write(spaces);
            }
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        });
        assertTrue(Files.size(bomb) < 1_000_000, "64 MB packed into " + Files.size(bomb));
        new CustomerImporter.Rejected(null); // loads the importer's POI limits, as the running bundle does
        ProblemException e = assertThrows(ProblemException.class, () -> read(bomb));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }

    @Test
    void externalEntitiesAreNeverResolved() throws IOException {
        Path secret = write("secret.txt", "TOP-SECRET".getBytes(StandardCharsets.UTF_8));
        Path ok = xlsx("ok.xlsx", List.of(List.of("Name"), List.of("Ana")));
        Path xxe = replaceEntry(ok, "xxe.xlsx", "xl/worksheets/sheet1.xml", out -> out.write((
                "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>"
                        + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                        + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>")
                .getBytes(StandardCharsets.UTF_8)));
        List<Row> rows = new ArrayList<>();
        ProblemException e = assertThrows(ProblemException.class,
                () -> SpreadsheetFiles.read(xxe, SheetFormat.XLSX, (n, cells) -> rows.add(new Row(n, SpreadsheetFiles.Cell.texts(cells)))));
        assertEquals(400, e.status());
        assertFalse(rows.stream().anyMatch(r -> r.cells().toString().contains("TOP-SECRET")));
    }

    @Test
    void aZipThatIsNoWorkbookIsA400() throws IOException {
        Path zip = dir.resolve("plain.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("hello.txt"));
            out.write("hi".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        ProblemException e = assertThrows(ProblemException.class, () -> read(zip));
        assertEquals(400, e.status());
    }
}
