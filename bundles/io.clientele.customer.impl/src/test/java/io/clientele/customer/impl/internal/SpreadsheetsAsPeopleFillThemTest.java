package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerExchange.ImportError;
import io.clientele.customer.api.PersonType;
import io.clientele.platform.sheets.SheetFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workbooks filled the way people fill the template in a spreadsheet program (tax ids, phones and postal codes typed
 * as numbers, dates, formulas, pasted spaces), written by POI and by a hand-assembled OOXML package laid out like
 * LibreOffice's, read through the import's reader: every stored value is what was typed.
 */
class SpreadsheetsAsPeopleFillThemTest {

    private static final String[] HEADERS = {"Name", "Person type", "Document number", "E-mail", "Phone", "Postal code",
        "Bank account", "Country", "Payment day", "Discount %", "Profile", "Complement"};

    @TempDir
    Path dir;

    private final CustomerRowReader.Resolver resolver = NothingKnown.RESOLVER;

    private record Imported(List<Customer> customers, List<ImportError> errors) {
    }

    private Imported read(Path file) throws IOException {
        CustomerRowReader reader = new CustomerRowReader(resolver, List.of("name"));
        List<Customer> customers = new ArrayList<>();
        List<ImportError> errors = new ArrayList<>();
        SpreadsheetFiles.read(file, SpreadsheetFiles.detect(file), (row, cells) -> {
            if (!reader.hasHeader()) {
                errors.addAll(reader.header(row, SpreadsheetFiles.Cell.texts(cells)));
            } else {
                CustomerRowReader.RowResult r = reader.cells(row, cells);
                errors.addAll(r.errors());
                if (r.customer() != null) {
                    customers.add(r.customer());
                }
            }
        });
        return new Imported(customers, errors);
    }

    private static void header(Sheet sheet) {
        Row h = sheet.createRow(0);
        for (int i = 0; i < HEADERS.length; i++) {
            h.createCell(i).setCellValue(HEADERS[i]);
        }
    }

    @Test
    void aPoiWorkbookWithNumbersTypedIntoTextColumnsKeepsEveryDigit() throws IOException {
        Path file = dir.resolve("poi.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("Customers");
            header(sheet);
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("dd/mm/yyyy"));
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue("\u00A0Ana Mídia ");
            r.createCell(1).setCellValue("COMPANY");
            r.createCell(2).setCellValue(11222333000181d);
            r.createCell(3).setCellValue(" Ana@Midia.COM.br\u00A0");
            r.createCell(4).setCellValue(5511912345678d);
            r.createCell(5).setCellValue(1310100d); // CEP 01310-100 typed as a number
            r.createCell(6).setCellValue(123456789012d);
            r.createCell(7).setCellValue("BR");
            r.createCell(8).setCellValue(10d);
            r.createCell(9).setCellValue(12.5d);
            Cell when = r.createCell(10);
            when.setCellValue(LocalDate.of(2024, 3, 5));
            when.setCellStyle(date);
            r.createCell(11).setCellFormula("\"Sala \"&\"12\"");
            r = sheet.createRow(2);
            r.createCell(0).setCellValue("Bruno");
            r.createCell(1).setCellValue("PERSON");
            r.createCell(2).setCellValue(1234567890d); // CPF 012.345.678-90
            r.createCell(4).setCellValue(1133334444d);
            r.createCell(5).setCellValue("04538-133");
            r.createCell(7).setCellValue("BR");
            r = sheet.createRow(3);
            r.createCell(0).setCellValue("Banco");
            r.createCell(1).setCellValue("PJ");
            r.createCell(2).setCellValue(191d); // CNPJ 00.000.000/0001-91
            r.createCell(7).setCellValue("BR");
            book.getCreationHelper().createFormulaEvaluator().evaluateAll(); // cached values, as a spreadsheet program saves them
            try (OutputStream out = java.nio.file.Files.newOutputStream(file)) {
                book.write(out);
            }
        }
        Imported imported = read(file);
        assertEquals(List.of(), imported.errors());
        assertEquals(3, imported.customers().size());
        Customer ana = imported.customers().get(0);
        assertEquals("Ana Mídia", ana.name());
        assertEquals("11222333000181", ana.documentNumber());
        assertEquals("ana@midia.com.br", ana.email());
        assertEquals("5511912345678", ana.phone());
        assertEquals("01310100", ana.address().postalCode());
        assertEquals("123456789012", ana.complementary().bankAccount());
        assertEquals(10, ana.complementary().paymentDay());
        assertEquals(new BigDecimal("12.5"), ana.complementary().discountPercent());
        assertEquals("2024-03-05", ana.profile());
        assertEquals("Sala 12", ana.address().complement());
        Customer bruno = imported.customers().get(1);
        assertEquals(PersonType.PERSON, bruno.personType());
        assertEquals("01234567890", bruno.documentNumber());
        assertEquals("1133334444", bruno.phone());
        assertEquals("04538-133", bruno.address().postalCode());
        assertEquals("00000000000191", imported.customers().get(2).documentNumber());
    }

    @Test
    void aFormulaWithoutItsValueAndAnErrorValueAreReportedAtTheirCells() throws IOException {
        Path file = dir.resolve("formulas.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("Customers");
            header(sheet);
            Row r = sheet.createRow(1);
            r.createCell(0).setCellFormula("UPPER(\"ana\")"); // never calculated: the file carries no value
            r.createCell(4).setCellErrorValue(FormulaError.DIV0.getCode());
            try (OutputStream out = java.nio.file.Files.newOutputStream(file)) {
                book.write(out);
            }
        }
        Imported imported = read(file);
        assertEquals(List.of(new ImportError(2, "Name", "is a formula (=UPPER(\"ana\")) the file carries no calculated value for; "
                        + "open and save the file in a spreadsheet program, or type the value"),
                new ImportError(2, "Phone", "holds the spreadsheet error #DIV/0!")), imported.errors());
    }

    @Test
    void aPackageLaidOutLikeLibreOfficesIsReadAsTyped() throws Exception {
        String styles = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<styleSheet xmlns=\"" + OoxmlPackage.MAIN + "\">"
                + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"DD/MM/YYYY\"/></numFmts>"
                + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
                + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" applyNumberFormat=\"true\"/></cellXfs></styleSheet>";
        String strings = OoxmlPackage.sharedStrings("Name", "Person type", "Document number", "E-mail", "Phone", "Postal code",
                "Bank account", "Country", "Payment day", "Discount %", "Profile", "Complement",
                "<r><t>Ipê </t></r><r><rPr><b val=\"true\"/></rPr><t>Mídia</t></r><rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh>",
                "COMPANY", "BR", "\u00A0 carla@Ipe.TEST ");
        StringBuilder header = new StringBuilder("<row r=\"1\">");
        for (int i = 0; i < HEADERS.length; i++) {
            header.append("<c r=\"").append(XlsxReader.columnName(i)).append("1\" t=\"s\"><v>").append(i).append("</v></c>");
        }
        header.append("</row>");
        String rows = header
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>12</v></c><c r=\"B2\" t=\"s\"><v>13</v></c>"
                + "<c r=\"C2\" s=\"0\" t=\"n\"><v>1.1222333000181E13</v></c><c r=\"D2\" t=\"s\"><v>15</v></c>"
                + "<c r=\"E2\" t=\"n\"><v>5.511912345678E12</v></c><c r=\"F2\"><v>1310100</v></c>"
                + "<c r=\"G2\"><v>9.87654321098E11</v></c><c r=\"H2\" t=\"s\"><v>14</v></c><c r=\"I2\"><f>2*5</f><v>10</v></c>"
                + "<c r=\"J2\"><v>0.30000000000000004</v></c><c r=\"K2\" s=\"1\"><v>45356</v></c>"
                + "<c r=\"L2\" t=\"str\"><f>CONCATENATE(\"Sala \";\"12\")</f><v>Sala 12</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Duda</t></is></c><c r=\"E3\"><f>A1*2</f></c></row>";
        Path file = new OoxmlPackage(rows, strings, styles).write(dir.resolve("libreoffice-like.xlsx"));
        try (XSSFWorkbook poi = new XSSFWorkbook(file.toFile())) {
            assertEquals("Customers", poi.getSheetAt(0).getSheetName(), "the hand-made package is a workbook POI opens too");
        }
        Imported imported = read(file);
        assertEquals(List.of(new ImportError(3, "Phone", "is a formula (=A1*2) the file carries no calculated value for; "
                + "open and save the file in a spreadsheet program, or type the value")), imported.errors());
        Customer c = imported.customers().get(0);
        assertEquals("Ipê Mídia", c.name());
        assertEquals("11222333000181", c.documentNumber());
        assertEquals("carla@ipe.test", c.email());
        assertEquals("5511912345678", c.phone());
        assertEquals("01310100", c.address().postalCode());
        assertEquals("987654321098", c.complementary().bankAccount());
        assertEquals(10, c.complementary().paymentDay());
        assertEquals(new BigDecimal("0.3"), c.complementary().discountPercent());
        assertEquals("2024-03-05", c.profile());
        assertEquals("Sala 12", c.address().complement());
    }

    @Test
    void aTaxIdStrippedOfItsZerosIsReportedWhenItsLengthIsAmbiguous() {
        CustomerRowReader reader = new CustomerRowReader(resolver, List.of("name"));
        assertEquals(List.of(), reader.header(1, List.of("Name", "Document number", "Country")));
        // 10 digits without a person type: a CPF missing one zero or a CNPJ missing four
        CustomerRowReader.RowResult r = reader.cells(2, List.of(SpreadsheetFiles.Cell.text("Ana"),
                SpreadsheetFiles.Cell.number("1234567890"), SpreadsheetFiles.Cell.text("BR")));
        assertNull(r.customer());
        assertEquals(List.of(new ImportError(2, "Document number", "lost its leading zeros in a number cell (10 digits): give the "
                + "Person type (PERSON for a CPF, COMPANY for a CNPJ), or type the document as text")), r.errors());
        // 13 digits can only be a CNPJ
        r = reader.cells(3, List.of(SpreadsheetFiles.Cell.text("Bia"), SpreadsheetFiles.Cell.number("1222333000128"),
                SpreadsheetFiles.Cell.text("BR")));
        assertEquals(List.of(), r.errors());
        assertEquals("01222333000128", r.customer().documentNumber());
        // a document typed as text is left as typed; so is a foreign number
        r = reader.cells(4, List.of(SpreadsheetFiles.Cell.text("Cid"), SpreadsheetFiles.Cell.number("123456"), SpreadsheetFiles.Cell.text("PT")));
        assertEquals("123456", r.customer().documentNumber());
        assertNotNull(reader.cells(5, List.of(SpreadsheetFiles.Cell.text("Duda"), SpreadsheetFiles.Cell.text("11.222.333/0001-81"))).customer());
    }

    @Test
    void storedNumbersAreWrittenOutExactly() {
        assertEquals("11222333000181", XlsxReader.plain(new BigDecimal("1.1222333000181E13")));
        assertEquals("5511912345678", XlsxReader.plain(new BigDecimal("5511912345678")));
        assertEquals("12345678901234567", XlsxReader.plain(new BigDecimal("12345678901234567")));
        assertEquals("100", XlsxReader.plain(new BigDecimal("1E2")));
        assertEquals("0.3", XlsxReader.plain(new BigDecimal("0.30000000000000004")));
        assertEquals("-2.5", XlsxReader.plain(new BigDecimal("-2.50")));
        assertEquals("2024-03-05T13:30", XlsxReader.serialDate(45356.5625, false));
    }

    @Test
    void textIsCleanedOfEverySpaceAPasteLeaves() {
        assertEquals("Ana", SpreadsheetFiles.clean("\u00A0\u2007 Ana\u202F\u200B\t\uFEFF"));
        assertTrue(SpreadsheetFiles.Cell.text("\u00A0 ").isBlank());
    }
}
