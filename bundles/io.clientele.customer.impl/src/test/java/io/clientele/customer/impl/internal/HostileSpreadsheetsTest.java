package io.clientele.customer.impl.internal;

import io.clientele.customer.api.CustomerExchange.ImportError;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.sheets.SheetFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R8: spreadsheets built to exhaust the reader are refused within {@link SheetLimits}, before memory blows. */
class HostileSpreadsheetsTest {

    @TempDir
    Path dir;

    private static final String HEADER_ROW = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Name</t></is></c></row>";

    /**
     * Shared strings that inflate to {@code megabytes} MB at a ratio between 1:30 and 1:90, under POI's default
     * 1:100 check: each item repeats a long company name (compressed to a back-reference) and adds a short
     * counter (compressed to literals).
     */
    static OoxmlPackage.Part sharedStringsBomb(int megabytes) {
        return out -> {
            String padding = "Agência de Comunicação e Marketing Integrado Ltda ".repeat(3);
            byte[] head = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst xmlns=\"" + OoxmlPackage.MAIN + "\">")
                    .getBytes(StandardCharsets.UTF_8);
            out.write(head);
            long written = head.length;
            long target = megabytes * 1024L * 1024;
            for (int i = 0; written < target; i++) {
                byte[] item = ("<si><t>" + padding + Integer.toString(i, 36) + "</t></si>").getBytes(StandardCharsets.UTF_8);
                out.write(item);
                written += item.length;
            }
            out.write("</sst>".getBytes(StandardCharsets.UTF_8));
        };
    }

    private static void refused(int status, String containing, Path file, SheetLimits limits) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> SpreadsheetFiles.read(file, SheetFormat.XLSX, limits, (row, cells) -> { }));
        assertEquals(status, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains(containing), e.getMessage());
        assertEquals("file", e.errors().get(0).field());
    }

    private static double ratio(Path file, String part) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(part);
            return (double) e.getSize() / e.getCompressedSize();
        }
    }

    @Test
    void sharedStringsInflatingToHundredsOfMegabytesUnderPoisRatioCheckAreRefused() throws IOException {
        Path file = new OoxmlPackage(out -> out.write(OoxmlPackage.sheet(
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>").getBytes(StandardCharsets.UTF_8)),
                sharedStringsBomb(200), null).write(dir.resolve("strings-bomb.xlsx"));
        double ratio = ratio(file, "xl/sharedStrings.xml");
        assertTrue(ratio > 30 && ratio < 100, "inflates 1:" + ratio + ", under POI's default check");
        assertTrue(Files.size(file) < 20L * 1024 * 1024, "under the default upload limit: " + Files.size(file));
        refused(413, "shared texts take more than 41943040 bytes", file, SheetLimits.defaults());
    }

    @Test
    void aPartInflatingPastTwentyTimesTheUploadLimitIsRefused() throws IOException {
        Random random = new Random(7);
        Path file = new OoxmlPackage(out -> {
            out.write(OoxmlPackage.sheet(HEADER_ROW).replace("</sheetData>", "").replace("</worksheet>", "")
                    .getBytes(StandardCharsets.UTF_8));
            for (int r = 2; r < 200_000; r++) {
                out.write(("<row r=\"" + r + "\"><c r=\"A" + r + "\" t=\"inlineStr\"><is><t>Customer " + random.nextInt(1000)
                        + "</t></is></c></row>").getBytes(StandardCharsets.UTF_8));
            }
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        }, null, null).write(dir.resolve("big-sheet.xlsx"));
        SheetLimits limits = SheetLimits.forUpload(256 * 1024, 1_000_000); // parts up to 5 MB
        refused(413, "expands to more than 5242880 bytes", file, limits);
    }

    @Test
    void aSingleEnormousCellIsReportedAtItsCellWithoutBeingHeld() throws IOException {
        Random random = new Random(3);
        Path file = new OoxmlPackage(out -> {
            out.write(OoxmlPackage.sheet(HEADER_ROW + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>")
                    .replace("</sheetData></worksheet>", "").getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 160; i++) { // 10 MB of letters in one cell
                for (int j = 0; j < chunk.length; j++) {
                    chunk[j] = (byte) ('a' + random.nextInt(26));
                }
                out.write(chunk);
            }
            out.write("</t></is></c></row></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        }, null, null).write(dir.resolve("one-cell.xlsx"));
        CustomerRowReader reader = new CustomerRowReader(NothingKnown.RESOLVER, List.of("name"));
        List<ImportError> errors = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        SpreadsheetFiles.read(file, SheetFormat.XLSX, SheetLimits.defaults(), (row, cells) -> {
            lengths.add(cells.get(0).text().length());
            if (!reader.hasHeader()) {
                reader.header(row, SpreadsheetFiles.Cell.texts(cells));
            } else {
                errors.addAll(reader.cells(row, cells).errors());
            }
        });
        assertEquals(List.of(4, SheetLimits.SPREADSHEET_CELL_CHARS), lengths, "the cell is held up to what a spreadsheet cell holds");
        assertEquals(List.of(new ImportError(2, "Name", "is longer than 32767 characters, more than a spreadsheet cell holds")), errors);
    }

    @Test
    void millionsOfEmptyRowsAreRefused() throws IOException {
        Path file = new OoxmlPackage(out -> {
            out.write(OoxmlPackage.sheet(HEADER_ROW).replace("</sheetData></worksheet>", "").getBytes(StandardCharsets.UTF_8));
            for (int r = 2; r <= 2_000_000; r++) {
                out.write(("<row r=\"" + r + "\"/>").getBytes(StandardCharsets.US_ASCII));
            }
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        }, null, null).write(dir.resolve("empty-rows.xlsx"));
        refused(413, "more than 1048576 rows", file, SheetLimits.defaults());

        StringBuilder csv = new StringBuilder("Name\n");
        csv.append("\n".repeat(1_100_000)).append("Ana\n");
        Path text = Files.writeString(dir.resolve("empty-lines.csv"), csv);
        ProblemException e = assertThrows(ProblemException.class,
                () -> SpreadsheetFiles.read(text, SheetFormat.CSV, SheetLimits.defaults(), (row, cells) -> { }));
        assertEquals(413, e.status());
    }

    @Test
    void moreRowsThanConfiguredAreRefusedBeforeTheRest() throws IOException {
        StringBuilder rows = new StringBuilder(HEADER_ROW);
        for (int r = 2; r <= 6; r++) {
            rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\" t=\"inlineStr\"><is><t>C")
                    .append(r).append("</t></is></c></row>");
        }
        Path file = new OoxmlPackage(rows.toString(), null, null).write(dir.resolve("rows.xlsx"));
        List<Integer> seen = new ArrayList<>();
        ProblemException e = assertThrows(ProblemException.class, () -> SpreadsheetFiles.read(file, SheetFormat.XLSX,
                SheetLimits.forUpload(1024 * 1024, 3), (row, cells) -> seen.add(row)));
        assertEquals(413, e.status());
        assertTrue(e.getMessage().contains("more than 3 rows"), e.getMessage());
        assertEquals(List.of(1, 2, 3, 4), seen);
    }

    @Test
    void aDoctypeInAnyPartIsRefused() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
        String doctype = "<!DOCTYPE sst [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>";
        String strings = OoxmlPackage.sharedStrings("&x;").replace("<sst ", doctype + "<sst ");
        Path file = new OoxmlPackage("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", strings, null)
                .write(dir.resolve("xxe.xlsx"));
        refused(400, "not a readable XLSX workbook", file, SheetLimits.defaults());
    }

    @Test
    void sharedTextIsHeldCompactlyAndReadBack() {
        XlsxReader.SharedStrings strings = new XlsxReader.SharedStrings(SheetLimits.defaults());
        for (int i = 0; i < 300_000; i++) {
            strings.add("Customer ção " + i, i == 7);
        }
        assertEquals(300_000, strings.size());
        assertEquals("Customer ção 299999", strings.get(299_999));
        assertTrue(strings.isTooLong(7));
        assertEquals("Customer ção 12345", strings.get(12_345));
    }
}
