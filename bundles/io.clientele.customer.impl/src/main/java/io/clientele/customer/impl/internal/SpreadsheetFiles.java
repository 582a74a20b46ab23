package io.clientele.customer.impl.internal;

import io.clientele.platform.api.rest.ProblemException;
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
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reading uploaded spreadsheets row by row with flat memory (CSV through Commons CSV, XLSX through POI's SAX
 * event API on the first sheet), telling the two apart by their content, and making exported text safe to open
 * in a spreadsheet.
 */
final class SpreadsheetFiles {

    enum Format { XLSX, CSV }

    /** Receives each non-blank row: its number as a spreadsheet shows it (first row is 1) and its cells. */
    interface RowConsumer {
        void row(int rowNumber, List<String> cells);
    }

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    private static final int SNIFF = 8192;

    private SpreadsheetFiles() {
    }

    // ---- R9: formula neutralisation

    /** True when a spreadsheet could take the text for a formula (= + - @, tab or CR first). */
    static boolean looksLikeFormula(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** The text with a leading apostrophe when it could be taken for a formula. */
    static String neutralise(String s) {
        return looksLikeFormula(s) ? "'" + s : s;
    }

    /** Undoes {@link #neutralise} on import, so an exported file reads back as it was written. */
    static String unneutralise(String s) {
        return s != null && s.length() > 1 && s.charAt(0) == '\'' && looksLikeFormula(s.substring(1)) ? s.substring(1) : s;
    }

    // ---- detection

    /** What the file is, judged by its bytes (a name can lie). Anything else is a 415 problem. */
    static Format detect(Path file) throws IOException {
        byte[] head = new byte[SNIFF];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, SNIFF);
        }
        if (n == 0) {
            throw ProblemException.invalid("file", "is empty");
        }
        if (startsWith(head, n, ZIP)) {
            return Format.XLSX;
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
        return Format.CSV;
    }

    private static boolean startsWith(byte[] data, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
    }

    // ---- reading

    static void read(Path file, Format format, RowConsumer consumer) {
        if (format == Format.XLSX) {
            readXlsx(file, consumer);
        } else {
            readCsv(file, consumer);
        }
    }

    /** A failure of the consumer, carried through the parsers untouched. */
    private static final class ConsumerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConsumerFailure(RuntimeException cause) {
            super(cause);
        }
    }

    private static void readCsv(Path file, RowConsumer consumer) {
        try {
            Charset charset = charsetOf(file);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(new BufferedInputStream(Files.newInputStream(file)), charset))) {
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
                    while (records.hasNext()) {
                        CSVRecord record = records.next();
                        row++;
                        List<String> cells = new ArrayList<>(record.size());
                        boolean blank = true;
                        for (String v : record) {
                            cells.add(v);
                            blank &= v == null || v.isBlank();
                        }
                        if (!blank) {
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

    private static void readXlsx(Path file, RowConsumer consumer) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw ProblemException.invalid("file", "the workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader(); // refuses DOCTYPEs: no external entity is ever resolved
                xml.setContentHandler(new XSSFSheetXMLHandler(styles, strings, new RowCollector(consumer),
                        new DataFormatter(Locale.ROOT), false));
                xml.parse(new InputSource(sheet));
            }
        } catch (ConsumerFailure e) {
            throw (RuntimeException) e.getCause();
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            ConsumerFailure inner = causeOf(e, ConsumerFailure.class);
            if (inner != null) {
                throw (RuntimeException) inner.getCause();
            }
            String message = String.valueOf(e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("zip bomb")) {
                    throw ProblemException.malformed("The XLSX file was refused: it expands far beyond its size (zip bomb).", "file");
                }
            }
            throw ProblemException.malformed("The file is not a readable XLSX workbook: "
                    + (message.length() > 200 ? message.substring(0, 200) : message), "file");
        }
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static void call(RowConsumer consumer, int row, List<String> cells) {
        try {
            consumer.row(row, cells);
        } catch (RuntimeException e) {
            throw new ConsumerFailure(e);
        }
    }

    /** Gathers a sheet row's cells (possibly sparse) into a dense list. */
    private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowConsumer consumer;
        private final List<String> cells = new ArrayList<>();
        private int next;

        RowCollector(RowConsumer consumer) {
            this.consumer = consumer;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
            next = 0;
        }

        @Override
        public void endRow(int rowNum) {
            boolean blank = cells.stream().allMatch(v -> v == null || v.isBlank());
            if (!blank) {
                call(consumer, rowNum + 1, new ArrayList<>(cells));
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? next : new CellReference(reference).getCol();
            if (column > 16_384) {
                return;
            }
            while (cells.size() < column) {
                cells.add("");
            }
            if (cells.size() == column) {
                cells.add(value);
            } else {
                cells.set(column, value);
            }
            next = column + 1;
        }
    }
}
