package io.clientele.platform.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class SheetWriterTest {

    private static final SheetWriter.Table TABLE = SheetWriter.Table.of("Budgets", List.of("Campaign", "Amount", "Note"));

    private static byte[] write(SheetFormat format, SheetWriter.Table table, List<List<?>> rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SheetWriter.write(out, format, table, sink -> {
            for (List<?> r : rows) {
                sink.row(r);
            }
        });
        return out.toByteArray();
    }

    @Test
    void csvIsUtf8WithBomQuotedAndNeutralisedButNumbersStayNumbers() throws Exception {
        byte[] csv = write(SheetFormat.CSV, TABLE, List.of(
                List.of("=HYPERLINK(\"http://x\")", new BigDecimal("-750.50"), "São Paulo, SP"),
                Arrays.asList("-1", 12, null)));
        String text = new String(csv, StandardCharsets.UTF_8);
        assertEquals("\uFEFFCampaign,Amount,Note\r\n"
                + "\"'=HYPERLINK(\"\"http://x\"\")\",-750.50,\"São Paulo, SP\"\r\n"
                + "'-1,12,\r\n", text);
    }

    @Test
    void xlsxHasABoldFrozenHeaderNumberCellsAndQuotePrefixedFormulaText() throws Exception {
        byte[] xlsx = write(SheetFormat.XLSX, TABLE, List.of(
                List.of("=1+2", new BigDecimal("750.25"), ""),
                Arrays.asList("Plain", null, "x".repeat(SheetWriter.XLSX_MAX_CELL + 10))));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("Budgets");
            assertEquals(1, book.getNumberOfSheets());
            Row head = sheet.getRow(0);
            assertEquals("Campaign", head.getCell(0).getStringCellValue());
            assertTrue(book.getFontAt(head.getCell(0).getCellStyle().getFontIndex()).getBold());
            assertEquals(1, sheet.getPaneInformation().getHorizontalSplitPosition());
            Row first = sheet.getRow(1);
            assertEquals(CellType.STRING, first.getCell(0).getCellType());
            assertEquals("=1+2", first.getCell(0).getStringCellValue(), "the text itself, not an apostrophe in it");
            assertTrue(first.getCell(0).getCellStyle().getQuotePrefixed());
            assertEquals(CellType.NUMERIC, first.getCell(1).getCellType());
            assertEquals(750.25, first.getCell(1).getNumericCellValue());
            assertNull(first.getCell(2));
            Row second = sheet.getRow(2);
            assertFalse(second.getCell(0).getCellStyle().getQuotePrefixed());
            assertNull(second.getCell(1));
            assertEquals(SheetWriter.XLSX_MAX_CELL, second.getCell(2).getStringCellValue().length());
        }
    }

    @Test
    void xlsxTemplateFormatsTextColumnsAndListsLookupsOnASecondSheet() throws Exception {
        SheetWriter.Table template = SheetWriter.Table.of("Customers", List.of("Name", "Phone"))
                .withTextColumns(Set.of(1)).withLookups(List.of(List.of("Segment", "@Retail")));
        byte[] xlsx = write(SheetFormat.XLSX, template, List.of());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet customers = book.getSheet("Customers");
            assertEquals("@", customers.getColumnStyle(1).getDataFormatString());
            Sheet lookups = book.getSheet("Lookups");
            assertEquals("List", lookups.getRow(0).getCell(0).getStringCellValue());
            assertEquals("@Retail", lookups.getRow(1).getCell(1).getStringCellValue());
            assertTrue(lookups.getRow(1).getCell(1).getCellStyle().getQuotePrefixed());
        }
    }

    @Test
    void formulaRuleAndItsInverse() {
        for (String s : List.of("=A1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertTrue(Formulas.looksLikeFormula(s), s);
            assertEquals("'" + s, Formulas.neutralise(s));
            assertEquals(s, Formulas.unneutralise(Formulas.neutralise(s)));
        }
        assertEquals("plain", Formulas.neutralise("plain"));
        assertEquals("'quoted", Formulas.unneutralise("'quoted"), "an apostrophe before ordinary text is the user's own");
        assertEquals(SheetFormat.XLSX, SheetFormat.named(" XLSX ").orElseThrow());
        assertTrue(SheetFormat.named("pdf").isEmpty());
    }
}
