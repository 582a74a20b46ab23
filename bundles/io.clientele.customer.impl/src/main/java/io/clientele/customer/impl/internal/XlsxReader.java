package io.clientele.customer.impl.internal;

import io.clientele.customer.impl.internal.SpreadsheetFiles.Cell;
import io.clientele.customer.impl.internal.SpreadsheetFiles.RowConsumer;
import io.clientele.platform.api.rest.ProblemException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams the first sheet of an XLSX workbook row by row with SAX, reading the package itself (java.util.zip) so
 * that every part is read within {@link SheetLimits}: each part's inflated bytes are counted as they are inflated,
 * shared texts are held compactly and within a budget, a cell is read up to 32,767 characters and no further, rows
 * are counted. Cells keep what was typed: a number is its exact stored decimal (never a double formatted for
 * display), a date-formatted number an ISO date, a formula its cached result, or is reported as a formula when the
 * file carries none. XML parsers refuse DOCTYPEs, so no entity is ever expanded or fetched.
 */
final class XlsxReader {

    private static final String REL_OFFICE_DOCUMENT = "/officeDocument";
    private static final String REL_SHARED_STRINGS = "/sharedStrings";
    private static final String REL_STYLES = "/styles";
    private static final int MAX_STYLES = 65_536;
    private static final int MAX_COLUMNS = 16_384;
    private static final int FORMULA_SHOWN = 80;
    private static final MathContext DOUBLE_DIGITS = new MathContext(15);

    private final ZipFile zip;
    private final SheetLimits limits;

    private XlsxReader(ZipFile zip, SheetLimits limits) {
        this.zip = zip;
        this.limits = limits;
    }

    static void read(Path file, SheetLimits limits, ReadPosition position, RowConsumer consumer) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw unreadable("it is not a valid zip package");
        }
        try (zip) {
            new XlsxReader(zip, limits).readFirstSheet(position, consumer);
        } catch (IOException e) {
            throw unreadable(String.valueOf(e.getMessage()));
        }
    }

    private void readFirstSheet(ReadPosition position, RowConsumer consumer) throws IOException {
        String workbook = target("", relationships("_rels/.rels"), REL_OFFICE_DOCUMENT, "xl/workbook.xml");
        String folder = workbook.contains("/") ? workbook.substring(0, workbook.lastIndexOf('/') + 1) : "";
        Map<String, String[]> rels = relationships(folder + "_rels/" + workbook.substring(folder.length()) + ".rels");
        WorkbookHandler book = new WorkbookHandler();
        parse(workbook, book, true);
        if (book.firstSheetRelId == null || !rels.containsKey(book.firstSheetRelId)) {
            throw ProblemException.invalid("file", "the workbook has no sheet");
        }
        String sheet = resolve(folder, rels.get(book.firstSheetRelId)[1]);
        String strings = target(folder, rels, REL_SHARED_STRINGS, null);
        String styles = target(folder, rels, REL_STYLES, null);
        StylesHandler formats = new StylesHandler();
        if (styles != null && zip.getEntry(styles) != null) {
            parse(styles, formats, false);
        }
        SharedStrings shared = new SharedStrings(limits);
        if (strings != null && zip.getEntry(strings) != null) {
            parse(strings, new SharedStringsHandler(shared, limits), false);
        }
        parse(sheet, new SheetHandler(shared, formats, book.date1904, limits, position, consumer), true, position);
    }

    // ---- the package

    /** Relationship id → {type, target} of a .rels part (empty when the part is missing). */
    private Map<String, String[]> relationships(String part) throws IOException {
        Map<String, String[]> rels = new HashMap<>();
        if (zip.getEntry(part) == null) {
            return rels;
        }
        parse(part, new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes a) {
                if ("Relationship".equals(localName) && rels.size() < 10_000 && !"External".equals(a.getValue("TargetMode"))) {
                    rels.put(a.getValue("Id"), new String[] {String.valueOf(a.getValue("Type")), String.valueOf(a.getValue("Target"))});
                }
            }
        }, false);
        return rels;
    }

    private static String target(String folder, Map<String, String[]> rels, String typeSuffix, String fallback) {
        for (String[] rel : rels.values()) {
            if (rel[0].endsWith(typeSuffix)) {
                return resolve(folder, rel[1]);
            }
        }
        return fallback;
    }

    /** A relationship target as a zip entry name: absolute ({@code /xl/…}) or relative to the source's folder. */
    private static String resolve(String folder, String target) {
        String path = target.startsWith("/") ? target.substring(1) : folder + target;
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }

    private void parse(String part, DefaultHandler handler, boolean required) throws IOException {
        parse(part, handler, required, null);
    }

    /** Parses a part; with a position, its inflated bytes are counted there as they are read. */
    private void parse(String part, DefaultHandler handler, boolean required, ReadPosition position) throws IOException {
        ZipEntry entry = zip.getEntry(part);
        if (entry == null) {
            if (required) {
                throw unreadable("it has no part " + part + " (is it an XLSX workbook?)");
            }
            return;
        }
        if (position != null) {
            position.total(entry.getSize());
        }
        try (InputStream in = new BoundedEntry(zip.getInputStream(entry), entry, limits.maxEntryBytes(), position)) {
            XMLReader xml = XMLHelper.newXMLReader(); // refuses DOCTYPEs: no entity is ever declared, expanded or fetched
            xml.setContentHandler(handler);
            xml.parse(new InputSource(in));
        } catch (SAXException e) {
            ProblemException problem = causeOf(e, ProblemException.class);
            if (problem != null) {
                throw problem;
            }
            SpreadsheetFiles.ConsumerFailure failure = causeOf(e, SpreadsheetFiles.ConsumerFailure.class);
            if (failure != null) {
                throw failure;
            }
            throw unreadable(part + " is not well-formed XML: " + abbreviate(String.valueOf(e.getMessage()), 200));
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t instanceof SAXException sax && sax.getException() != null && type.isInstance(sax.getException())) {
                return type.cast(sax.getException());
            }
        }
        return null;
    }

    static ProblemException unreadable(String why) {
        return ProblemException.malformed("The file is not a readable XLSX workbook: " + why, "file");
    }

    private static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }

    /** A zip entry's inflated bytes, refused past the cap or past {@link SheetLimits#MAX_RATIO} times its compressed size. */
    private static final class BoundedEntry extends FilterInputStream {
        private final String name;
        private final long max;
        private final long compressed;
        private final ReadPosition position;
        private long inflated;

        BoundedEntry(InputStream in, ZipEntry entry, long max, ReadPosition position) {
            super(in);
            this.position = position;
            this.name = entry.getName();
            this.max = max;
            this.compressed = Math.max(1, entry.getCompressedSize());
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            inflated += n;
            if (position != null) {
                position.advance(n);
            }
            if (inflated > max) {
                throw SheetLimits.tooLarge("The XLSX file was refused: its part " + name + " expands to more than " + max
                        + " bytes (" + SheetLimits.INFLATE_FACTOR + " times the upload limit).");
            }
            if (inflated > 1024 * 1024 && inflated > compressed * SheetLimits.MAX_RATIO) {
                throw ProblemException.malformed("The XLSX file was refused: its part " + name + " expands more than "
                        + SheetLimits.MAX_RATIO + " times (zip bomb).", "file");
            }
        }
    }

    // ---- workbook, styles, shared strings

    private static final class WorkbookHandler extends DefaultHandler {
        String firstSheetRelId;
        boolean date1904;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) {
            if ("workbookPr".equals(localName)) {
                String v = a.getValue("date1904");
                date1904 = "1".equals(v) || "true".equalsIgnoreCase(v);
            } else if ("sheet".equals(localName) && firstSheetRelId == null) {
                for (int i = 0; i < a.getLength(); i++) {
                    if ("id".equals(a.getLocalName(i)) && a.getURI(i).endsWith("/relationships")) {
                        firstSheetRelId = a.getValue(i);
                    }
                }
            }
        }
    }

    /** Which cell styles format their numbers as dates. */
    static final class StylesHandler extends DefaultHandler {
        private final Map<Integer, String> customFormats = new HashMap<>();
        private final List<Integer> cellFormats = new ArrayList<>();
        private boolean inCellXfs;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) {
            switch (localName) {
                case "numFmt" -> {
                    Integer id = integer(a.getValue("numFmtId"));
                    if (id != null && customFormats.size() < MAX_STYLES) {
                        customFormats.put(id, String.valueOf(a.getValue("formatCode")));
                    }
                }
                case "cellXfs" -> inCellXfs = true;
                case "xf" -> {
                    if (inCellXfs) {
                        if (cellFormats.size() >= MAX_STYLES) {
                            throw unreadable("it has more than " + MAX_STYLES + " cell styles");
                        }
                        Integer id = integer(a.getValue("numFmtId"));
                        cellFormats.add(id == null ? 0 : id);
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if ("cellXfs".equals(localName)) {
                inCellXfs = false;
            }
        }

        boolean isDate(int style) {
            if (style < 0 || style >= cellFormats.size()) {
                return false;
            }
            int id = cellFormats.get(style);
            String format = customFormats.containsKey(id) ? customFormats.get(id) : BuiltinFormats.getBuiltinFormat(id);
            return format != null && DateUtil.isADateFormat(id, format);
        }
    }

    /**
     * The workbook's shared texts, held as UTF-8 in 1 MB chunks with their positions (a few bytes each beyond the
     * text itself), within {@link SheetLimits#maxSharedTextBytes()}; a text longer than a cell can hold is marked.
     */
    static final class SharedStrings {
        private static final int CHUNK = 1 << 20;
        private final long budget;
        private final List<byte[]> chunks = new ArrayList<>();
        private final BitSet tooLong = new BitSet();
        private long[] positions = new long[1024];
        private int[] lengths = new int[1024];
        private int count;
        private int used = CHUNK;
        private long held;

        SharedStrings(SheetLimits limits) {
            this.budget = limits.maxSharedTextBytes();
        }

        void add(String text, boolean overLong) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            held += utf8.length + 12L;
            if (held > budget) {
                throw SheetLimits.tooLarge("The XLSX file was refused: its shared texts take more than " + budget
                        + " bytes (" + SheetLimits.SHARED_TEXT_FACTOR + " times the upload limit).");
            }
            if (used + utf8.length > CHUNK) {
                chunks.add(new byte[Math.max(CHUNK, utf8.length)]);
                used = 0;
            }
            System.arraycopy(utf8, 0, chunks.get(chunks.size() - 1), used, utf8.length);
            if (count == positions.length) {
                positions = Arrays.copyOf(positions, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            positions[count] = ((long) (chunks.size() - 1) << 32) | used;
            lengths[count] = utf8.length;
            if (overLong) {
                tooLong.set(count);
            }
            used += utf8.length;
            count++;
        }

        int size() {
            return count;
        }

        boolean isTooLong(int index) {
            return tooLong.get(index);
        }

        String get(int index) {
            long p = positions[index];
            return new String(chunks.get((int) (p >>> 32)), (int) p, lengths[index], StandardCharsets.UTF_8);
        }
    }

    /** {@code <si>} items: the text of their {@code <t>} runs, leaving out phonetic guides ({@code <rPh>}). */
    private static final class SharedStringsHandler extends DefaultHandler {
        private final SharedStrings strings;
        private final CappedText text;
        private boolean inItem;
        private boolean inText;
        private int phonetic;

        SharedStringsHandler(SharedStrings strings, SheetLimits limits) {
            this.strings = strings;
            this.text = new CappedText(limits.maxCellChars());
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) {
            switch (localName) {
                case "si" -> {
                    inItem = true;
                    text.clear();
                }
                case "rPh" -> phonetic++;
                case "t" -> inText = inItem && phonetic == 0;
                default -> {
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "si" -> {
                    strings.add(text.toString(), text.overflowed());
                    inItem = false;
                }
                case "rPh" -> phonetic--;
                case "t" -> inText = false;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inText) {
                text.append(ch, start, length);
            }
        }
    }

    /** Text gathered up to a number of characters; what comes beyond is counted, not kept. */
    static final class CappedText {
        private final int max;
        private final StringBuilder text = new StringBuilder();
        private boolean overflowed;

        CappedText(int max) {
            this.max = max;
        }

        void clear() {
            text.setLength(0);
            overflowed = false;
        }

        void append(char[] ch, int start, int length) {
            int room = max - text.length();
            if (length > room) {
                overflowed = true;
            }
            text.append(ch, start, Math.max(0, Math.min(room, length)));
        }

        boolean overflowed() {
            return overflowed;
        }

        boolean isEmpty() {
            return text.length() == 0 && !overflowed;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    // ---- the sheet

    private static final class SheetHandler extends DefaultHandler {
        private final SharedStrings shared;
        private final StylesHandler styles;
        private final boolean date1904;
        private final SheetLimits limits;
        private final RowConsumer consumer;
        private final ReadPosition position;
        private final List<Cell> cells = new ArrayList<>();
        private final CappedText value;
        private final StringBuilder formula = new StringBuilder();
        private int rowElements;
        private int dataRows;
        private int row;
        private int nextColumn;
        private int column;
        private String type;
        private int style;
        private boolean hasFormula;
        private boolean inValue;
        private boolean inFormula;
        private boolean inInline;
        private int phonetic;
        private boolean inCell;

        SheetHandler(SharedStrings shared, StylesHandler styles, boolean date1904, SheetLimits limits, ReadPosition position,
                     RowConsumer consumer) {
            this.position = position;
            this.shared = shared;
            this.styles = styles;
            this.date1904 = date1904;
            this.limits = limits;
            this.consumer = consumer;
            this.value = new CappedText(limits.maxCellChars());
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) {
            switch (localName) {
                case "row" -> startRow(a.getValue("r"));
                case "dimension" -> declaredRange(a.getValue("ref"));
                case "c" -> {
                    inCell = true;
                    column = columnOf(a.getValue("r"), nextColumn);
                    type = a.getValue("t") == null ? "n" : a.getValue("t");
                    Integer s = integer(a.getValue("s"));
                    style = s == null ? 0 : s;
                    hasFormula = false;
                    value.clear();
                    formula.setLength(0);
                }
                case "f" -> {
                    if (inCell) {
                        hasFormula = true;
                        inFormula = true;
                    }
                }
                case "v" -> inValue = inCell;
                case "is" -> inInline = inCell;
                case "rPh" -> phonetic++;
                case "t" -> inValue = inInline && phonetic == 0;
                default -> {
                }
            }
        }

        /** {@code <dimension ref="A1:H100001"/>}: the last row the writing program says the sheet uses. */
        private void declaredRange(String ref) {
            if (ref == null) {
                return;
            }
            String last = ref.substring(ref.indexOf(':') + 1);
            int digits = 0;
            while (digits < last.length() && !Character.isDigit(last.charAt(digits))) {
                digits++;
            }
            Integer n = integer(last.substring(digits));
            if (n != null && n > 0 && n <= SheetLimits.SPREADSHEET_ROWS) {
                position.declaredLastRow(n);
            }
        }

        private void startRow(String r) {
            rowElements++;
            Integer n = integer(r);
            row = n == null ? row + 1 : n;
            if (rowElements > SheetLimits.SPREADSHEET_ROWS || row > SheetLimits.SPREADSHEET_ROWS || row < 1) {
                throw SheetLimits.tooLarge("The XLSX file was refused: its sheet has more than " + SheetLimits.SPREADSHEET_ROWS
                        + " rows, more than a spreadsheet holds.");
            }
            cells.clear();
            nextColumn = 0;
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "c" -> {
                    endCell();
                    inCell = false;
                }
                case "row" -> endRow();
                case "f" -> inFormula = false;
                case "v", "t" -> inValue = false;
                case "is" -> inInline = false;
                case "rPh" -> phonetic--;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue) {
                value.append(ch, start, length);
            } else if (inFormula && formula.length() < FORMULA_SHOWN) {
                formula.append(ch, start, Math.min(length, FORMULA_SHOWN - formula.length()));
            }
        }

        private void endCell() {
            nextColumn = column + 1;
            if (column >= MAX_COLUMNS) {
                return;
            }
            Cell cell = cell();
            if (cell == null) {
                return;
            }
            while (cells.size() < column) {
                cells.add(Cell.EMPTY);
            }
            if (cells.size() == column) {
                cells.add(cell);
            } else {
                cells.set(column, cell);
            }
        }

        private Cell cell() {
            if (value.overflowed()) {
                return Cell.tooLong(value.toString());
            }
            String v = value.toString();
            if (hasFormula && v.isEmpty() && !"str".equals(type)) {
                return Cell.formulaWithoutValue("=" + formula);
            }
            switch (type) {
                case "s" -> {
                    Integer index = integer(v.trim());
                    if (index == null || index < 0 || index >= shared.size()) {
                        throw unreadable("cell " + reference() + " names shared text " + abbreviate(v, 20) + ", which does not exist");
                    }
                    return shared.isTooLong(index) ? Cell.tooLong(shared.get(index)) : Cell.text(shared.get(index));
                }
                case "inlineStr", "str" -> {
                    return Cell.text(v);
                }
                case "b" -> {
                    return v.isEmpty() ? null : Cell.text("1".equals(v.trim()) || "true".equalsIgnoreCase(v.trim()) ? "true" : "false");
                }
                case "e" -> {
                    return Cell.error(v);
                }
                case "d" -> {
                    return v.isEmpty() ? null : Cell.date(isoDate(v.trim()));
                }
                default -> {
                    if (v.isBlank()) {
                        return null;
                    }
                    BigDecimal number = number(v);
                    if (number == null) {
                        return Cell.text(v);
                    }
                    if (styles.isDate(style)) {
                        String date = serialDate(number.doubleValue(), date1904);
                        if (date != null) {
                            return Cell.date(date);
                        }
                    }
                    return Cell.number(plain(number));
                }
            }
        }

        private String reference() {
            return columnName(column) + row;
        }

        private void endRow() {
            boolean blank = cells.stream().allMatch(Cell::isBlank);
            if (blank) {
                return;
            }
            if (++dataRows > limits.maxRows() + 1) { // + the header
                throw SheetLimits.tooLarge("The file was refused: it has more than " + limits.maxRows() + " rows to import.");
            }
            SpreadsheetFiles.call(consumer, row, new ArrayList<>(cells));
        }
    }

    // ---- values

    static Integer integer(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return null;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal number(String raw) {
        String s = raw.trim();
        if (s.isEmpty() || s.length() > 400) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A stored number as it was typed: whole numbers with every digit (as stored, {@code 1.1222333000181E13} is
     * {@code 11222333000181}); fractions to the 15 significant digits a spreadsheet keeps, which drops the binary
     * noise of a double ({@code 0.30000000000000004} is {@code 0.3}); never an exponent.
     */
    static String plain(BigDecimal number) {
        BigDecimal n = number.stripTrailingZeros();
        if (n.scale() > 0 && n.precision() > DOUBLE_DIGITS.getPrecision()) {
            n = n.round(DOUBLE_DIGITS).stripTrailingZeros();
        }
        if (n.scale() < 0) {
            n = n.setScale(0);
        }
        return n.toPlainString();
    }

    /** A date-formatted serial number as {@code yyyy-MM-dd} (with {@code THH:mm[:ss]} when it has a time of day). */
    static String serialDate(double serial, boolean date1904) {
        if (!DateUtil.isValidExcelDate(serial)) {
            return null;
        }
        LocalDateTime t = DateUtil.getLocalDateTime(serial, date1904, true);
        return t == null ? null : iso(t);
    }

    private static String iso(LocalDateTime t) {
        if (t.toLocalTime().toSecondOfDay() == 0) {
            return t.toLocalDate().toString();
        }
        return t.withNano(0).toString();
    }

    /** An ISO 8601 date cell ({@code t="d"}): its date, and its time of day when it has one. */
    private static String isoDate(String v) {
        try {
            return iso(LocalDateTime.parse(v.length() == 10 ? v + "T00:00:00" : v.replace("Z", "")));
        } catch (java.time.format.DateTimeParseException e) {
            return v;
        }
    }

    /** The 0-based column of a reference like {@code AB12}, or {@code next} without one. */
    static int columnOf(String reference, int next) {
        if (reference == null) {
            return next;
        }
        int col = 0;
        int i = 0;
        for (; i < reference.length() && i < 4; i++) {
            char ch = Character.toUpperCase(reference.charAt(i));
            if (ch < 'A' || ch > 'Z') {
                break;
            }
            col = col * 26 + (ch - 'A' + 1);
        }
        return i == 0 ? next : col - 1;
    }

    static String columnName(int column) {
        StringBuilder s = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            s.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return s.toString().toUpperCase(Locale.ROOT);
    }
}
