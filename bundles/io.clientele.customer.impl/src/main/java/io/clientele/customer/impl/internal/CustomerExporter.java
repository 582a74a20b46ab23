package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.Lookup;
import io.clientele.customer.api.LookupKind;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.sheets.Formulas;
import io.clientele.platform.sheets.SheetFormat;
import io.clientele.platform.sheets.SheetWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Writes customer spreadsheets as streams: the export (one streaming query through {@link CustomerStore#forEach}, with
 * the list's filters and restricted-customer rule, so memory stays flat) and the import template. Lookup columns carry
 * the entry's name and user columns the user's e-mail, so an export can be edited and imported again. Text a
 * spreadsheet could take for a formula is neutralised (CSV: leading apostrophe; XLSX: the cell is quote-prefixed,
 * Excel's own "this is text" mark).
 */
@Component(service = CustomerExporter.class)
public class CustomerExporter {

    static final int PAGE = 1000;

    private final CustomerStore store;
    private final LookupStore lookups;
    private final UserDirectory users;

    @Activate
    public CustomerExporter(@Reference CustomerStore store, @Reference LookupStore lookups, @Reference UserDirectory users) {
        this.store = store;
        this.lookups = lookups;
        this.users = users;
    }

    /** Writes every customer matching {@code filter}; returns how many. Runs in the caller's request context. */
    long export(OutputStream out, SheetFormat format, List<ExchangeColumn> columns, CustomerFilter filter, CustomerSort sort)
            throws IOException {
        Names names = new Names();
        boolean followers = columns.contains(ExchangeColumn.FOLLOWERS);
        boolean profile = columns.contains(ExchangeColumn.PROFILE);
        List<String> headers = columns.stream().map(ExchangeColumn::header).toList();
        if (format == SheetFormat.CSV) {
            return exportCsv(out, columns, headers, names, filter, sort, followers, profile);
        }
        long[] count = new long[1];
        SheetWriter.write(out, format, SheetWriter.Table.of("Customers", headers), sink -> {
            List<String> cells = new ArrayList<>(columns.size());
            try {
                store.forEach(filter, sort, PAGE, followers, profile, chunk -> {
                    try {
                        for (Customer c : chunk) {
                            names.cells(columns, c, cells);
                            sink.row(cells);
                            count[0]++;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        });
        return count[0];
    }

    /**
     * The CSV export. Each row is rendered to its line as it is read. When the agency is large (see
     * {@link CustomerStore#readsBetterInStorageOrder}) the table is read in storage order and the lines sorted here,
     * through temporary files ({@link SortedLines}), into the order the sort index gives; otherwise the index is walked.
     */
    private long exportCsv(OutputStream out, List<ExchangeColumn> columns, List<String> headers, Names names, CustomerFilter filter,
                           CustomerSort sort, boolean followers, boolean profile) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        w.write('\uFEFF'); // lets spreadsheets read the file as UTF-8
        CsvLine csv = new CsvLine();
        w.write(csv.of(headers));
        List<String> cells = new ArrayList<>(columns.size());
        long count;
        try {
            if (store.readsBetterInStorageOrder(filter)) {
                try (SortedLines sorted = new SortedLines(sort.descending())) {
                    store.forEachInStorageOrder(filter, sort, PAGE, followers, profile, chunk -> {
                        try {
                            for (CustomerStore.Keyed k : chunk) {
                                names.cells(columns, k.customer(), cells);
                                sorted.add(k.key(), k.customer().id(), csv.of(cells));
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    count = sorted.writeTo(w);
                }
            } else {
                long[] n = new long[1];
                store.forEach(filter, sort, PAGE, followers, profile, chunk -> {
                    try {
                        for (Customer c : chunk) {
                            names.cells(columns, c, cells);
                            w.write(csv.of(cells));
                            n[0]++;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                count = n[0];
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
        return count;
    }

    /** One CSV record as text (Commons CSV's default format, cells neutralised), built without touching the output. */
    static final class CsvLine {
        private final StringBuilder line = new StringBuilder(256);
        private final CSVPrinter printer;

        CsvLine() throws IOException {
            printer = new CSVPrinter(line, CSVFormat.DEFAULT);
        }

        String of(List<String> cells) throws IOException {
            line.setLength(0);
            for (String cell : cells) {
                printer.print(Formulas.neutralise(cell));
            }
            printer.println();
            return line.toString();
        }
    }

    /** The import template: the importable headers; an XLSX one has a second sheet of the agency's active lookups and users. */
    void template(OutputStream out, SheetFormat format) throws IOException {
        List<String> headers = ExchangeColumn.importableColumns().stream().map(ExchangeColumn::header).toList();
        List<List<String>> choices = new ArrayList<>();
        if (format == SheetFormat.XLSX) {
            for (ExchangeColumn column : ExchangeColumn.importableColumns()) {
                if (column.lookup() != null) {
                    for (Lookup l : lookups.list(column.lookup(), false)) {
                        choices.add(List.of(column.header(), l.name()));
                    }
                }
            }
            for (User u : users.all()) {
                if (u.active()) {
                    choices.add(List.of("User (managers, assistant, followers)", u.email()));
                }
            }
        }
        Set<Integer> digitColumns = new java.util.TreeSet<>();
        List<ExchangeColumn> importable = ExchangeColumn.importableColumns();
        for (int i = 0; i < importable.size(); i++) {
            if (DIGITS_AS_TEXT.contains(importable.get(i))) {
                digitColumns.add(i);
            }
        }
        SheetWriter.Table table = SheetWriter.Table.of("Customers", headers).withTextColumns(digitColumns);
        SheetWriter.write(out, format, format == SheetFormat.XLSX ? table.withLookups(choices) : table, rows -> {
        });
    }

    /**
     * Columns whose values are digits that are not quantities: the template formats them as text, so a spreadsheet
     * program keeps what is typed there (leading zeros, more than 15 digits) instead of turning it into a number.
     */
    static final Set<ExchangeColumn> DIGITS_AS_TEXT = java.util.EnumSet.of(ExchangeColumn.DOCUMENT_NUMBER, ExchangeColumn.PHONE,
            ExchangeColumn.POSTAL_CODE, ExchangeColumn.NUMBER, ExchangeColumn.BANK_BRANCH, ExchangeColumn.BANK_ACCOUNT);

    /** Turns stored values into what a person reads: lookup names, user e-mails, plain numbers. */
    private final class Names {
        private final Map<String, String> lookupNames = new HashMap<>();
        private final Map<String, String> userEmails = new HashMap<>();

        Names() {
            for (LookupKind kind : LookupKind.values()) {
                for (Lookup l : lookups.list(kind, true)) {
                    lookupNames.put(l.id(), l.name());
                }
            }
            for (User u : users.all()) {
                userEmails.put(u.id(), u.email());
            }
        }

        /** The row's cells, as text, into {@code cells}. */
        void cells(List<ExchangeColumn> columns, Customer c, List<String> cells) {
            cells.clear();
            for (ExchangeColumn column : columns) {
                cells.add(text(column, column.valueOf(c)));
            }
        }

        String text(ExchangeColumn column, Object value) {
            if (value == null) {
                return "";
            }
            return switch (column.type()) {
                case LOOKUP -> lookupNames.getOrDefault(value.toString(), value.toString());
                case USER -> userEmails.getOrDefault(value.toString(), value.toString());
                case LOOKUP_LIST -> join((List<?>) value, lookupNames);
                case USER_LIST -> join((List<?>) value, userEmails);
                case DECIMAL -> ((BigDecimal) value).toPlainString();
                case BOOLEAN -> Boolean.TRUE.equals(value) ? "yes" : "no";
                default -> value.toString();
            };
        }

        private String join(List<?> ids, Map<String, String> names) {
            StringBuilder sb = new StringBuilder();
            for (Object id : ids) {
                sb.append(sb.length() == 0 ? "" : "; ").append(names.getOrDefault(String.valueOf(id), String.valueOf(id)));
            }
            return sb.toString();
        }
    }
}
