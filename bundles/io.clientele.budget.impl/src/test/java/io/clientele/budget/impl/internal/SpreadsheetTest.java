package io.clientele.budget.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.budget.impl.internal.Spreadsheet.Cell;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SpreadsheetTest {

    @Test
    void formulaLikeTextGetsAnApostrophe() {
        for (String s : List.of("=cmd()", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + s, Spreadsheet.neutralise(s));
        }
        assertEquals("Launch", Spreadsheet.neutralise("Launch"));
        assertEquals("a=b", Spreadsheet.neutralise("a=b"));
        assertEquals("", Spreadsheet.neutralise(null));
    }

    @Test
    void csvQuotesAndNeutralisesTextButNotNumbers() {
        String csv = new String(Spreadsheet.csv(List.of("campaign", "remaining"),
                List.of(List.of(Cell.text("=cmd()"), Cell.number("-10.50")), List.of(Cell.text("a, \"b\""), Cell.number("3.00")))),
                StandardCharsets.UTF_8);
        assertEquals("\uFEFFcampaign,remaining\r\n'=cmd(),-10.50\r\n\"a, \"\"b\"\"\",3.00\r\n", csv);
    }

    @Test
    void xlsxIsAZipOfWellFormedPartsWithTheCells() throws Exception {
        byte[] file = Spreadsheet.xlsx("Budget management", List.of("campaign", "amount"),
                List.of(List.of(Cell.text("=cmd() <&>"), Cell.number("1250.00"))));
        Map<String, byte[]> parts = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                parts.put(e.getName(), zip.readAllBytes());
            }
        }
        assertEquals(java.util.Set.of("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml"), parts.keySet());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        for (byte[] part : parts.values()) {
            f.newDocumentBuilder().parse(new ByteArrayInputStream(part)); // well-formed XML
        }
        Document sheet = f.newDocumentBuilder().parse(new ByteArrayInputStream(parts.get("xl/worksheets/sheet1.xml")));
        NodeList cells = sheet.getElementsByTagNameNS("*", "c");
        assertEquals(4, cells.getLength());
        assertEquals("A2", cells.item(2).getAttributes().getNamedItem("r").getNodeValue());
        assertEquals("'=cmd() <&>", cells.item(2).getTextContent());
        assertEquals("1250.00", cells.item(3).getTextContent());
        assertTrue(cells.item(3).getAttributes().getNamedItem("t") == null, "numbers are numeric cells");
    }

    @Test
    void columnLetters() {
        assertEquals("A", Spreadsheet.column(0));
        assertEquals("Z", Spreadsheet.column(25));
        assertEquals("AA", Spreadsheet.column(26));
        assertEquals("AZ", Spreadsheet.column(51));
        assertEquals("BA", Spreadsheet.column(52));
    }
}
