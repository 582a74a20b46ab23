package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerAction;
import io.clientele.customer.api.CustomerEvents;
import io.clientele.customer.api.CustomerExchange;
import io.clientele.customer.api.Lookup;
import io.clientele.customer.api.LookupKind;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.sheets.SheetFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The customer import (and the bulk reads of {@link CustomerExchange}). One streaming pass over the file: each row
 * is validated as it is read; while no row has failed, valid rows are inserted in JDBC batches inside the one
 * transaction of the import, with one history entry per customer also written in batches. Any bad row turns the
 * rest into validation only, and the transaction is rolled back: all rows or none.
 */
@Component(service = {CustomerExchange.class, CustomerImporter.class}, configurationPid = "io.clientele.customer.exchange")
public class CustomerImporter implements CustomerExchange {

    static final int MAX_REPORTED_ERRORS = 1000;

    /** A real import that met bad rows: nothing was written; the result carries the errors. */
    public static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ImportResult result;

        Rejected(ImportResult result) {
            super("the import has invalid rows", null, false, false);
            this.result = result;
        }

        public ImportResult result() {
            return result;
        }
    }

    private final Database database;
    private final CustomerStore store;
    private final LookupStore lookups;
    private final SettingsStore settings;
    private final UserDirectory users;
    private final HistoryService history;
    private final DomainEvents events;
    private final TenantTable customers;
    private final ImportRunStore runs;
    private volatile SheetLimits limits;

    @Activate
    public CustomerImporter(@Reference Database database, @Reference CustomerStore store, @Reference LookupStore lookups,
                            @Reference SettingsStore settings, @Reference UserDirectory users, @Reference HistoryService history,
                            @Reference DomainEvents events, @Reference ImportRunStore runs, ExchangeConfig config) {
        this.database = database;
        this.store = store;
        this.lookups = lookups;
        this.settings = settings;
        this.users = users;
        this.history = history;
        this.events = events;
        this.runs = runs;
        this.customers = new TenantTable(database, "customer");
        modified(config);
    }

    /** The limits of what a file may make the import read follow {@code maxUploadBytes} and {@code maxRows} (R8). */
    @Modified
    void modified(ExchangeConfig config) {
        this.limits = SheetLimits.forUpload(config.maxUploadBytes(), config.maxRows());
    }

    // ---- bulk reads

    @Override
    public long count() {
        CustomerStore.Visibility v = store.visibility();
        List<Object> params = new ArrayList<>(List.of(false));
        params.addAll(v.params());
        return customers.count("archived = ? AND " + v.condition(), params);
    }

    @Override
    public Slice list(int limit, String cursor) {
        Page<Customer> page = store.list(CustomerFilter.none(), CustomerSort.parse(null), Math.max(1, Math.min(limit, 1000)), cursor);
        return new Slice(page.items(), page.nextCursor());
    }

    // ---- import

    @Override
    public ImportResult importFile(Path file, boolean dryRun) {
        try {
            return importOrReject(file, dryRun);
        } catch (Rejected rejected) {
            return rejected.result();
        }
    }

    /**
     * Like {@link #importFile}, but a real import with bad rows throws {@link Rejected} (after rolling back). The run
     * is recorded by {@link ImportRunStore} as it goes: its progress while it reads, then how it ended.
     */
    ImportResult importOrReject(Path file, boolean dryRun) {
        SheetFormat format;
        long bytes;
        try {
            format = SpreadsheetFiles.detect(file);
            bytes = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportRunStore.Progress progress = runs.start(dryRun, bytes);
        try {
            ImportResult result = importRecorded(file, format, dryRun, progress);
            progress.finish(result, false);
            return result;
        } catch (Rejected rejected) {
            progress.finish(rejected.result(), false);
            throw rejected;
        } catch (RuntimeException | Error e) {
            try {
                progress.finish(null, true);
            } catch (RuntimeException recording) {
                e.addSuppressed(recording);
            }
            throw e;
        }
    }

    private ImportResult importRecorded(Path file, SheetFormat format, boolean dryRun, ImportRunStore.Progress progress) {
        CustomerRowReader reader = new CustomerRowReader(new AgencyResolver(), settings.requiredFields());
        if (dryRun) {
            return run(file, format, reader, null, progress);
        }
        ImportResult result = database.inTransaction(c -> {
            ImportResult r;
            try (Writer writer = new Writer(c)) {
                r = run(file, format, reader, writer, progress);
                if (!r.errors().isEmpty()) {
                    throw new Rejected(r); // rolls back every row written so far
                }
                writer.flush();
            }
            if (r.created() > 0) {
                events.publish(CustomerEvents.CUSTOMERS_IMPORTED, Map.of("count", r.created()));
            }
            return r;
        });
        return result;
    }

    private ImportResult run(Path file, SheetFormat format, CustomerRowReader reader, Writer writer,
                             ImportRunStore.Progress progress) {
        List<ImportError> errors = new ArrayList<>();
        int[] counts = new int[4]; // rows, rows with errors, errors in total, rows handed to the writer
        Principal caller = RequestContext.principal();
        List<Integer> notTheirs = new ArrayList<>();
        ReadPosition position = new ReadPosition();
        SpreadsheetFiles.read(file, format, limits, position, (row, cells) -> {
            List<ImportError> found;
            if (!reader.hasHeader()) {
                found = reader.header(row, SpreadsheetFiles.Cell.texts(cells));
            } else {
                counts[0]++;
                CustomerRowReader.RowResult result = reader.cells(row, cells);
                found = result.errors();
                if (found.isEmpty() && RoleRules.refusal(caller, CustomerAction.IMPORT, result.customer()).isPresent()) {
                    notTheirs.add(row);
                }
                if (found.isEmpty() && counts[2] == 0 && notTheirs.isEmpty() && writer != null) {
                    writer.add(result.customer());
                    counts[3]++;
                }
            }
            counts[2] += found.size();
            for (ImportError e : found) {
                if (errors.size() < MAX_REPORTED_ERRORS) {
                    errors.add(e);
                }
            }
            progress.rowRead(counts[0], counts[3], counts[2], position);
        });
        if (!reader.hasHeader()) {
            errors.add(new ImportError(1, null, "the file has no rows"));
        }
        if (!notTheirs.isEmpty()) {
            // a rights refusal, not a bad cell: 403 for a dry run too; inside a real run's transaction, it rolls back
            throw ProblemException.forbidden(RoleRules.IMPORT + " Row" + (notTheirs.size() == 1 ? " " : "s ")
                    + notTheirs.stream().limit(20).map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                    + (notTheirs.size() > 20 ? " and " + (notTheirs.size() - 20) + " more" : "") + " name neither.");
        }
        boolean ok = errors.isEmpty();
        return new ImportResult(counts[0], ok && writer != null ? counts[0] : 0, errors, counts[2] > errors.size());
    }

    /** Resolves names against the agency's lookups and users, loaded once per import. */
    private final class AgencyResolver implements CustomerRowReader.Resolver {
        private final Map<LookupKind, Map<String, String>> byKind = new EnumMap<>(LookupKind.class);
        private final Map<String, String> usersByKey = new HashMap<>();
        private final Map<String, Boolean> customersSeen = new HashMap<>();

        AgencyResolver() {
            for (LookupKind kind : LookupKind.values()) {
                Map<String, String> names = new HashMap<>();
                for (Lookup l : lookups.list(kind, false)) {
                    names.put(l.id(), l.id());
                    names.putIfAbsent(l.name().trim().toLowerCase(Locale.ROOT), l.id());
                }
                byKind.put(kind, names);
            }
            for (User u : users.all()) {
                usersByKey.put(u.id(), u.id());
                usersByKey.put(u.email().toLowerCase(Locale.ROOT), u.id());
            }
        }

        @Override
        public String lookup(LookupKind kind, String nameOrId) {
            Map<String, String> names = byKind.get(kind);
            String id = names.get(nameOrId);
            return id != null ? id : names.get(nameOrId.trim().toLowerCase(Locale.ROOT));
        }

        @Override
        public String user(String emailOrId) {
            String id = usersByKey.get(emailOrId);
            return id != null ? id : usersByKey.get(emailOrId.trim().toLowerCase(Locale.ROOT));
        }

        @Override
        public boolean customerExists(String id) {
            return customersSeen.computeIfAbsent(id, k -> customers.count("id = ?", List.of(k)) > 0);
        }
    }

    /** Batched inserts on the import's connection: customers, their followers, their search words, their history. */
    private final class Writer implements AutoCloseable {
        private final Connection connection;
        private final String agencyId = RequestContext.agencyId();
        private final Instant now = Instant.now();
        private final List<Customer> pending = new ArrayList<>(ImportBatch.ROWS);
        private PreparedStatement insertCustomer;
        private PreparedStatement insertFollower;
        private PreparedStatement insertSearchTerm;
        private String customerSql;

        Writer(Connection connection) {
            this.connection = connection;
        }

        private int[] nullTypes;

        /** Binds a row; the SQL types for nulls are read once per statement, not once per null. */
        private void bind(PreparedStatement ps, Object[] values) throws SQLException {
            if (nullTypes == null) {
                java.sql.ParameterMetaData meta = ps.getParameterMetaData();
                nullTypes = new int[values.length];
                for (int i = 0; i < values.length; i++) {
                    try {
                        nullTypes[i] = meta.getParameterType(i + 1);
                    } catch (SQLException e) {
                        nullTypes[i] = java.sql.Types.VARCHAR;
                    }
                }
            }
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                int index = i + 1;
                if (v == null) {
                    ps.setNull(index, nullTypes[i]);
                } else if (v instanceof String text) {
                    ps.setString(index, text);
                } else if (v instanceof Boolean flag) {
                    ps.setBoolean(index, flag);
                } else if (v instanceof Long number) {
                    ps.setLong(index, number);
                } else if (v instanceof Integer number) {
                    ps.setInt(index, number);
                } else if (v instanceof java.math.BigDecimal number) {
                    ps.setBigDecimal(index, number);
                } else if (v instanceof Instant instant) {
                    ps.setTimestamp(index, java.sql.Timestamp.from(instant));
                } else if (v instanceof Enum<?> e) {
                    ps.setString(index, e.name());
                } else {
                    ps.setObject(index, v);
                }
            }
        }

        @Override
        public void close() {
            for (PreparedStatement ps : new PreparedStatement[] {insertCustomer, insertFollower, insertSearchTerm}) {
                if (ps != null) {
                    try {
                        ps.close();
                    } catch (SQLException e) {
                        // closing after the transaction's outcome is decided; nothing to do
                    }
                }
            }
        }

        void add(Customer customer) {
            pending.add(customer);
            if (pending.size() >= ImportBatch.ROWS) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<HistoryService.Change> changes = new ArrayList<>(pending.size());
            try {
                boolean followers = false;
                List<String[]> terms = new ArrayList<>(pending.size() * 6);
                for (Customer c : pending) {
                    String id = Jdbc.newTimeOrderedId();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("agency_id", agencyId);
                    row.put("id", id);
                    // the row persist would write for this customer, written in the batch instead
                    row.putAll(new CustomerRecord(id, c, now).columns());
                    row.put("version", 0L);
                    if (insertCustomer == null) {
                        customerSql = "INSERT INTO customer (" + String.join(", ", row.keySet()) + ") VALUES ("
                                + String.join(", ", Collections.nCopies(row.size(), "?")) + ")";
                        insertCustomer = connection.prepareStatement(customerSql);
                    }
                    bind(insertCustomer, row.values().toArray());
                    insertCustomer.addBatch();
                    for (String userId : c.followerIds()) {
                        if (insertFollower == null) {
                            insertFollower = connection.prepareStatement(
                                    "INSERT INTO customer_follower (agency_id, customer_id, user_id) VALUES (?, ?, ?)");
                        }
                        Jdbc.bind(insertFollower, agencyId, id, userId);
                        insertFollower.addBatch();
                        followers = true;
                    }
                    if (insertSearchTerm == null) {
                        insertSearchTerm = connection.prepareStatement(
                                "INSERT INTO customer_search_term (agency_id, customer_id, term) VALUES (?, ?, ?)");
                    }
                    for (String term : CustomerStore.wordsOf(c)) {
                        terms.add(new String[] {term, id});
                    }
                    changes.add(new HistoryService.Change(CustomerStore.ROOT, id, CustomerStore.ROOT, id, "CREATED",
                            HistoryService.diff(Map.of(), snapshot(c))));
                }
                insertCustomer.executeBatch();
                if (followers) {
                    insertFollower.executeBatch();
                }
                // in index order, so that consecutive inserts of the batch land on neighbouring pages of the term
                // index (the words are the largest part of what an import writes)
                terms.sort(ImportBatch.TERM_ORDER);
                for (String[] term : terms) {
                    Jdbc.bind(insertSearchTerm, agencyId, term[1], term[0]);
                    insertSearchTerm.addBatch();
                }
                insertSearchTerm.executeBatch();
            } catch (SQLException e) {
                throw Jdbc.translate(customerSql, e);
            }
            history.recordAll(changes);
            pending.clear();
        }
    }

    /** The fields a created customer's history shows, as {@code POST /customers} records them. */
    static Map<String, Object> snapshot(Customer c) {
        Map<String, Object> flat = new LinkedHashMap<>();
        for (ExchangeColumn column : ExchangeColumn.importableColumns()) {
            Object v = column.valueOf(c);
            if (v instanceof List<?> list && list.isEmpty()) {
                continue;
            }
            flat.put(column.key(), v);
        }
        flat.put("archived", false);
        return flat;
    }
}
