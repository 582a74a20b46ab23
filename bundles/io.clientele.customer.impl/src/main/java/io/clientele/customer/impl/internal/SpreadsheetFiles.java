package io.clientele.customer.impl.internal;

import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.sheets.SheetFormat;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reading uploaded spreadsheets row by row with flat memory (CSV through Commons CSV, XLSX through
 * {@link XlsxReader} on the first sheet) within {@link SheetLimits}, telling the two apart by their content, and making exported text safe to open
 * in a spreadsheet.
 */
final class SpreadsheetFiles {

    /** Receives each non-blank row: its number as a spreadsheet shows it (first row is 1) and its cells. */
    interface RowConsumer {
        void row(int rowNumber, List<Cell> cells);
    }

    /** What a cell holds, as read from the file. */
    enum Kind {
        /** text (every CSV cell) */
        TEXT,
        /** a number cell: {@code text} is its exact decimal value, never in scientific notation */
        NUMBER,
        /** a date cell: {@code text} is {@code yyyy-MM-dd}, or {@code yyyy-MM-ddTHH:mm[:ss]} with a time of day */
        DATE,
        /** a formula the file carries no calculated value for: {@code text} is the formula */
        FORMULA_WITHOUT_VALUE,
        /** a spreadsheet error value such as {@code #REF!} */
        ERROR,
        /** longer than a spreadsheet cell holds: {@code text} is its first 32,767 characters */
        TOO_LONG
    }

    /** One cell of a row. */
    record Cell(String text, Kind kind) {
        static final Cell EMPTY = new Cell("", Kind.TEXT);

        static Cell text(String text) {
            return new Cell(text, Kind.TEXT);
        }

        static Cell number(String plain) {
            return new Cell(plain, Kind.NUMBER);
        }

        static Cell date(String iso) {
            return new Cell(iso, Kind.DATE);
        }

        static Cell formulaWithoutValue(String formula) {
            return new Cell(formula, Kind.FORMULA_WITHOUT_VALUE);
        }

        static Cell error(String value) {
            return new Cell(value, Kind.ERROR);
        }

        static Cell tooLong(String start) {
            return new Cell(start, Kind.TOO_LONG);
        }

        boolean isBlank() {
            return kind == Kind.TEXT && (text == null || SpreadsheetFiles.clean(text).isEmpty());
        }

        /** Cells as their texts (a header row). */
        static List<String> texts(List<Cell> cells) {
            List<String> out = new ArrayList<>(cells.size());
            for (Cell c : cells) {
                out.add(c == null || c.kind() == Kind.FORMULA_WITHOUT_VALUE || c.kind() == Kind.ERROR ? "" : c.text());
            }
            return out;
        }

        /** Texts as text cells (what a CSV row is). */
        static List<Cell> ofTexts(List<String> texts) {
            List<Cell> out = new ArrayList<>(texts.size());
            for (String t : texts) {
                out.add(t == null ? EMPTY : text(t));
            }
            return out;
        }
    }

    /**
     * The text without the spaces around it, including the ones {@link String#strip()} keeps: non-breaking and
     * narrow no-break spaces, zero-width spaces and byte order marks (what pasting from a web page or PDF leaves).
     */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    private static final int SNIFF = 8192;

    private SpreadsheetFiles() {
    }

    // ---- detection

    /** What the file is, judged by its bytes (a name can lie). Anything else is a 415 problem. */
    static SheetFormat detect(Path file) throws IOException {
        byte[] head = new byte[SNIFF];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, SNIFF);
        }
        if (n == 0) {
            throw ProblemException.invalid("file", "is empty");
        }
        if (startsWith(head, n, ZIP)) {
            return SheetFormat.XLSX;
        }
        if (startsWith(head, n, OLE2)) {
            throw ProblemException.unsupportedMediaType("Old binary Excel files (.xls) are not supported; save the file as .xlsx or CSV.");
        }
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            if (b == 0 || (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f')) {
                throw ProblemException.unsupportedMediaType("The file is neither an XLSX workbook nor a CSV text file.");
            }
        }
        return SheetFormat.CSV;
    }

    private static boolean startsWith(byte[] data, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
    }

    // ---- reading

    static void read(Path file, SheetFormat format, RowConsumer consumer) {
        read(file, format, SheetLimits.defaults(), consumer);
    }

    /** Reads every non-blank row within the limits (past one: a 413 or 400 problem naming the file). */
    static void read(Path file, SheetFormat format, SheetLimits limits, RowConsumer consumer) {
        read(file, format, limits, new ReadPosition(), consumer);
    }

    /** Like {@link #read(Path, SheetFormat, SheetLimits, RowConsumer)}, keeping {@code position} up to date as it reads. */
    static void read(Path file, SheetFormat format, SheetLimits limits, ReadPosition position, RowConsumer consumer) {
        try {
            if (format == SheetFormat.XLSX) {
                XlsxReader.read(file, limits, position, consumer);
            } else {
                readCsv(file, limits, position, consumer);
            }
        } catch (ConsumerFailure e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** A failure of the consumer, carried through the parsers untouched. */
    static final class ConsumerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConsumerFailure(RuntimeException cause) {
            super(cause);
        }
    }

    private static void readCsv(Path file, SheetLimits limits, ReadPosition position, RowConsumer consumer) {
        try {
            Charset charset = charsetOf(file);
            position.total(Files.size(file));
            InputStream counted = new java.io.FilterInputStream(Files.newInputStream(file)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        position.advance(n);
                    }
                    return n;
                }
            };
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(new BufferedInputStream(counted), charset))) {
                reader.mark(SNIFF);
                int first = reader.read();
                if (first != '\uFEFF') { // byte order mark
                    reader.reset();
                }
                char delimiter = delimiterOf(reader);
                CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
                try (CSVParser parser = CSVParser.parse(reader, format)) {
                    Iterator<CSVRecord> records = parser.iterator();
                    int row = 0;
                    int dataRows = 0;
                    while (records.hasNext()) {
                        CSVRecord record = records.next();
                        row++;
                        if (row > SheetLimits.SPREADSHEET_ROWS) {
                            throw SheetLimits.tooLarge("The CSV file was refused: it has more than " + SheetLimits.SPREADSHEET_ROWS
                                    + " lines, more than a spreadsheet holds.");
                        }
                        List<Cell> cells = new ArrayList<>(record.size());
                        boolean blank = true;
                        for (String v : record) {
                            Cell cell = v == null ? Cell.EMPTY : v.length() > limits.maxCellChars()
                                    ? Cell.tooLong(v.substring(0, limits.maxCellChars())) : Cell.text(v);
                            cells.add(cell);
                            blank &= cell.isBlank();
                        }
                        if (!blank) {
                            if (++dataRows > limits.maxRows() + 1) { // + the header
                                throw SheetLimits.tooLarge("The file was refused: it has more than " + limits.maxRows() + " rows to import.");
                            }
                            call(consumer, row, cells);
                        }
                    }
                }
            }
        } catch (ConsumerFailure e) {
            throw (RuntimeException) e.getCause();
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw ProblemException.malformed("The CSV file cannot be read: " + e.getMessage(), "file");
        }
    }

    /** UTF-8 when the start of the file is valid UTF-8, else Windows-1252 (what Excel writes in many locales). */
    private static Charset charsetOf(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64 * 1024);
        }
        int end = head.length;
        // do not judge a multi-byte sequence cut at the end of the sample
        for (int i = Math.max(0, end - 3); i < end; i++) {
            if ((head[i] & 0xC0) == 0xC0) {
                end = i;
                break;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, 0, end));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return Charset.forName("windows-1252");
        }
    }

    /** {@code ;} when the header line has more semicolons than commas (spreadsheets in comma-decimal locales), else {@code ,}. */
    private static char delimiterOf(BufferedReader reader) throws IOException {
        reader.mark(SNIFF);
        char[] buf = new char[SNIFF];
        int n = reader.read(buf);
        reader.reset();
        int commas = 0;
        int semicolons = 0;
        for (int i = 0; i < n && buf[i] != '\n' && buf[i] != '\r'; i++) {
            if (buf[i] == ',') {
                commas++;
            } else if (buf[i] == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    static void call(RowConsumer consumer, int row, List<Cell> cells) {
        try {
            consumer.row(row, cells);
        } catch (RuntimeException e) {
            throw new ConsumerFailure(e);
        }
    }
}
