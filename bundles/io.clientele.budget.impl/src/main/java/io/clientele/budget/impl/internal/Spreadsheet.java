package io.clientele.budget.impl.internal;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a table as CSV (RFC 4180, UTF-8 with BOM) or as a minimal one-sheet XLSX (Office Open XML, inline
 * strings). Text cells that a spreadsheet could take for a formula (starting with {@code = + - @}, tab or
 * carriage return) get a leading apostrophe. Numeric cells are written by us from decimals and are left as they are.
 */
final class Spreadsheet {

    /** A cell: text (neutralised) or a number (written as is). */
    record Cell(String text, boolean numeric) {
        static Cell text(String s) {
            return new Cell(s == null ? "" : s, false);
        }

        static Cell number(String s) {
            return new Cell(s, true);
        }
    }

    private Spreadsheet() {
    }

    /** The text of a cell as a spreadsheet must see it: formula-like text gets a leading apostrophe. */
    static String neutralise(String s) {
        if (s == null || s.isEmpty()) {
            return s == null ? "" : s;
        }
        char first = s.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + s : s;
    }

    static byte[] csv(List<String> header, List<List<Cell>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            csv(out, header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the CSV to {@code out} row by row, as the rows come. */
    static void csv(OutputStream out, List<String> header, Iterable<List<Cell>> rows) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        StringBuilder sb = new StringBuilder("\uFEFF");
        line(sb, header.stream().map(Cell::text).toList());
        for (List<Cell> r : rows) {
            line(sb, r);
            w.append(sb);
            sb.setLength(0);
        }
        w.append(sb);
        w.flush();
    }

    private static void line(StringBuilder sb, List<Cell> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Cell c = cells.get(i);
            String v = c.numeric() ? c.text() : neutralise(c.text());
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        sb.append("\r\n");
    }

    static byte[] xlsx(String sheetName, List<String> header, List<List<Cell>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            xlsx(out, sheetName, header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the workbook to {@code out}, its sheet row by row as the rows come (never the whole sheet in memory). */
    static void xlsx(OutputStream out, String sheetName, List<String> header, Iterable<List<Cell>> rows) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "</Types>");
        put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
        put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"" + xml(sheetName) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        put(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "</Relationships>");
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
        Writer w = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 64 * 1024);
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        xlsxRow(sheet, 1, header.stream().map(Cell::text).toList());
        int rowNumber = 2;
        for (List<Cell> r : rows) {
            xlsxRow(sheet, rowNumber++, r);
            w.append(sheet);
            sheet.setLength(0);
        }
        sheet.append("</sheetData></worksheet>");
        w.append(sheet);
        w.flush();
        zip.closeEntry();
        zip.finish();
    }

    private static void xlsxRow(StringBuilder sb, int rowNumber, List<Cell> cells) {
        sb.append("<row r=\"").append(rowNumber).append("\">");
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            String ref = column(i) + rowNumber;
            if (c.numeric() && !c.text().isEmpty()) {
                sb.append("<c r=\"").append(ref).append("\"><v>").append(xml(c.text())).append("</v></c>");
            } else {
                sb.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                        .append(xml(neutralise(c.text()))).append("</t></is></c>");
            }
        }
        sb.append("</row>");
    }

    /** A, B, … Z, AA, AB, … */
    static String column(int index) {
        StringBuilder sb = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            sb.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return sb.toString();
    }

    /** XML text: escapes markup and drops characters XML 1.0 cannot carry. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                            || (cp >= 0x10000 && cp <= 0x10FFFF)) {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.toString();
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
