package io.clientele.platform.sheets;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a table as a CSV or XLSX file, row by row as the rows come. A row's cells are text ({@link String}, or
 * anything else through {@code toString()}), numbers ({@link Number}: an XLSX number cell, a plain decimal in CSV) or
 * null (empty). Text is neutralised by {@link Formulas}' rule. An XLSX has a bold, frozen header row; a table may ask
 * for columns formatted as text (for what is typed there later) and for a second sheet "Lookups" of (list, value) pairs.
 *
 * <pre>{@code
 * SheetWriter.write(out, SheetFormat.XLSX, SheetWriter.Table.of("Budgets", List.of("Campaign", "Amount")),
 *         rows -> { for (Budget b : budgets) rows.row(List.of(b.campaign(), b.amount())); });
 * }</pre>
 */
public final class SheetWriter {

    /** An XLSX cell holds at most this many characters; longer text is cut there. */
    public static final int XLSX_MAX_CELL = 32_767;

    /** Receives the rows of the table, one at a time. */
    @FunctionalInterface
    public interface Rows {
        void row(List<?> cells) throws IOException;
    }

    /** Writes the table's rows. */
    @FunctionalInterface
    public interface Body {
        void write(Rows rows) throws IOException;
    }

    /**
     * What is written besides the rows: the sheet's name and header row, the (0-based) columns an XLSX formats as text,
     * and the (list, value) pairs of an XLSX's second sheet "Lookups" (null: no such sheet).
     */
    public record Table(String name, List<String> headers, Set<Integer> textColumns, List<List<String>> lookups) {
        public Table {
            headers = List.copyOf(headers);
            textColumns = textColumns == null ? Set.of() : Set.copyOf(textColumns);
            lookups = lookups == null ? null : List.copyOf(lookups);
        }

        public static Table of(String name, List<String> headers) {
            return new Table(name, headers, Set.of(), null);
        }

        public Table withTextColumns(Set<Integer> columns) {
            return new Table(name, headers, columns, lookups);
        }

        public Table withLookups(List<List<String>> pairs) {
            return new Table(name, headers, textColumns, pairs);
        }
    }

    private SheetWriter() {
    }

    /** Writes {@code table}'s header and {@code body}'s rows to {@code out} (which is flushed, not closed). */
    public static void write(OutputStream out, SheetFormat format, Table table, Body body) throws IOException {
        if (format == SheetFormat.CSV) {
            csv(out, table, body);
        } else {
            xlsx(out, table, body);
        }
    }

    /** The text a CSV cell carries for {@code value}: numbers as plain decimals, text neutralised, null as empty. */
    private static String csvText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        return Formulas.neutralise(value.toString());
    }

    private static void csv(OutputStream out, Table table, Body body) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        w.write('\uFEFF'); // lets spreadsheet programs read the file as UTF-8
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT);
        List<String> line = new ArrayList<>();
        Rows rows = cells -> {
            line.clear();
            for (Object c : cells) {
                line.add(csvText(c));
            }
            csv.printRecord(line);
        };
        rows.row(table.headers());
        body.write(rows);
        csv.flush();
        w.flush();
    }

    private static void xlsx(OutputStream out, Table table, Body body) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        workbook.setCompressTempFiles(true);
        try {
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle headerStyle = workbook.createCellStyle();
            headerStyle.setFont(bold);
            CellStyle text = workbook.createCellStyle();
            text.setQuotePrefixed(true);
            Sheet sheet = workbook.createSheet(table.name());
            sheet.createFreezePane(0, 1);
            if (!table.textColumns().isEmpty()) {
                CellStyle typedAsText = workbook.createCellStyle();
                typedAsText.setDataFormat(workbook.createDataFormat().getFormat("@"));
                for (int column : table.textColumns()) {
                    sheet.setDefaultColumnStyle(column, typedAsText);
                }
            }
            int[] next = {0};
            Rows rows = cells -> {
                Row row = sheet.createRow(next[0]++);
                int i = 0;
                for (Object v : cells) {
                    cell(row, i++, v, text);
                }
            };
            rows.row(table.headers());
            for (Cell c : sheet.getRow(0)) {
                c.setCellStyle(headerStyle);
            }
            body.write(rows);
            if (table.lookups() != null) {
                Sheet lookups = workbook.createSheet("Lookups");
                Row head = lookups.createRow(0);
                cell(head, 0, "List", text).setCellStyle(headerStyle);
                cell(head, 1, "Value", text).setCellStyle(headerStyle);
                int r = 1;
                for (List<String> pair : table.lookups()) {
                    Row row = lookups.createRow(r++);
                    for (int i = 0; i < pair.size(); i++) {
                        cell(row, i, pair.get(i), text);
                    }
                }
            }
            workbook.write(out);
            out.flush();
        } finally {
            workbook.close();
            workbook.dispose();
        }
    }

    /** Writes one cell (none for null or empty text); returns it, or null. */
    private static Cell cell(Row row, int column, Object value, CellStyle quotePrefixed) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            Cell cell = row.createCell(column);
            cell.setCellValue(n.doubleValue());
            return cell;
        }
        String s = value.toString();
        if (s.isEmpty()) {
            return null;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(s.length() > XLSX_MAX_CELL ? s.substring(0, XLSX_MAX_CELL) : s);
        if (Formulas.looksLikeFormula(s)) {
            cell.setCellStyle(quotePrefixed);
        }
        return cell;
    }
}
