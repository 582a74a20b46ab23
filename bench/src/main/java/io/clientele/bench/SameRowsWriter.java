package io.clientele.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.customer.impl.internal.SameRows;
import io.clientele.platform.api.db.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The same-rows baselines of P3 and P4 (quality.md, restated 2026-12-02): raw JDBC that writes what a create or an
 * import of the platform writes — the customer row with its search text, one row per search word (found by the
 * platform's own word-splitting function) and one history row with the same columns and a body of the same shape and
 * size as the platform's — and nothing else: no HTTP, no authentication, no JSON binding, no validation, no read-back.
 */
final class SameRowsWriter {

    static final String INSERT_CUSTOMER = Data.INSERT.replace(", updated_at)", ", updated_at, search_text)").replace("?)", "?, ?)");
    static final String INSERT_WORD = "INSERT INTO customer_search_term (agency_id, customer_id, term) VALUES (?, ?, ?)";
    static final String INSERT_HISTORY = "INSERT INTO platform_history (agency_id, id, occurred_at, actor_id, actor_name, root_type,"
            + " root_id, entity, entity_id, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Fields of a created customer's history body that come from the bench's generated row. */
    private static final Map<String, java.util.function.Function<Data.Row, String>> FROM_ROW = Map.of(
            "name", Data.Row::name, "companyName", Data.Row::companyName, "personType", Data.Row::personType,
            "email", Data.Row::email, "phone", Data.Row::phone, "address.city", Data.Row::city,
            "address.state", Data.Row::state, "address.country", Data.Row::country);

    private final String actorId;
    private final String actorName;
    private final String rootType;
    private final ArrayNode template;
    private final double platformBodyChars;
    private final java.util.concurrent.atomic.LongAdder bodyChars = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder bodies = new java.util.concurrent.atomic.LongAdder();

    private SameRowsWriter(String actorId, String actorName, String rootType, ArrayNode template, double platformBodyChars) {
        this.actorId = actorId;
        this.actorName = actorName;
        this.rootType = rootType;
        this.template = template;
        this.platformBodyChars = platformBodyChars;
    }

    /**
     * Takes the shape of the history rows from what the platform wrote for the customers P3 created through the API
     * in {@code agencyId} (before {@code createsEnded}, so not the import's): the actor, the root type and the body,
     * whose values the baseline replaces with its own row's.
     */
    static SameRowsWriter fromPlatformRows(Connection c, String agencyId, Instant createsEnded) throws SQLException {
        String sql = "SELECT actor_id, actor_name, root_type, changes FROM platform_history WHERE agency_id = ? AND action = 'CREATED'"
                + " AND root_type = 'customer' AND occurred_at < ? ORDER BY occurred_at DESC";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, agencyId);
            ps.setTimestamp(2, Timestamp.from(createsEnded));
            ps.setMaxRows(500);
            try (ResultSet rs = ps.executeQuery()) {
                String actorId = null;
                String actorName = null;
                String rootType = null;
                ArrayNode template = null;
                long chars = 0;
                int n = 0;
                while (rs.next()) {
                    String body = rs.getString("changes");
                    if (template == null) {
                        actorId = rs.getString("actor_id");
                        actorName = rs.getString("actor_name");
                        rootType = rs.getString("root_type");
                        template = (ArrayNode) Api.JSON.readTree(body);
                    }
                    chars += body.length();
                    n++;
                }
                if (template == null) {
                    throw new IllegalStateException("the platform wrote no CREATED customer history in agency " + agencyId);
                }
                return new SameRowsWriter(actorId, actorName, rootType, template, chars / (double) n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One create: the customer, its words, its history row, in the caller's transaction (the caller commits). */
    void create(Connection c, String agencyId, Data.Row r, Instant now) throws SQLException {
        String id = Jdbc.newId();
        Set<String> words = SameRows.words(r.name(), r.companyName(), r.email());
        try (PreparedStatement ps = c.prepareStatement(INSERT_CUSTOMER)) {
            bindCustomer(ps, agencyId, id, r, words, now);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_WORD)) {
            for (String word : words) {
                ps.setString(1, agencyId);
                ps.setString(2, id);
                ps.setString(3, word);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_HISTORY)) {
            bindHistory(ps, agencyId, id, r, now);
            ps.executeUpdate();
        }
    }

    /** One import batch: its customers, then its words in the import's order, then its history rows (the caller commits). */
    void importBatch(Connection c, String agencyId, List<Data.Row> rows, Instant now, Statements statements) throws SQLException {
        List<String[]> terms = new ArrayList<>(rows.size() * 10);
        List<String> ids = new ArrayList<>(rows.size());
        for (Data.Row r : rows) {
            String id = Jdbc.newTimeOrderedId();
            ids.add(id);
            Set<String> words = SameRows.words(r.name(), r.companyName(), r.email());
            bindCustomer(statements.customer, agencyId, id, r, words, now);
            statements.customer.addBatch();
            for (String word : words) {
                terms.add(new String[] {word, id});
            }
        }
        statements.customer.executeBatch();
        terms.sort(SameRows.TERM_ORDER);
        for (String[] term : terms) {
            statements.word.setString(1, agencyId);
            statements.word.setString(2, term[1]);
            statements.word.setString(3, term[0]);
            statements.word.addBatch();
        }
        statements.word.executeBatch();
        for (int i = 0; i < rows.size(); i++) {
            bindHistory(statements.history, agencyId, ids.get(i), rows.get(i), now);
            statements.history.addBatch();
        }
        statements.history.executeBatch();
    }

    /** The three prepared statements of an import, kept for its whole transaction as the importer keeps them. */
    static final class Statements implements AutoCloseable {
        final PreparedStatement customer;
        final PreparedStatement word;
        final PreparedStatement history;

        Statements(Connection c) throws SQLException {
            customer = c.prepareStatement(INSERT_CUSTOMER);
            word = c.prepareStatement(INSERT_WORD);
            history = c.prepareStatement(INSERT_HISTORY);
        }

        @Override
        public void close() throws SQLException {
            customer.close();
            word.close();
            history.close();
        }
    }

    private static void bindCustomer(PreparedStatement ps, String agencyId, String id, Data.Row r, Set<String> words, Instant now)
            throws SQLException {
        Data.bind(ps, id, agencyId, r, now, now);
        ps.setString(24, SameRows.searchText(words));
    }

    private void bindHistory(PreparedStatement ps, String agencyId, String customerId, Data.Row r, Instant now) throws SQLException {
        String body = body(r);
        bodyChars.add(body.length());
        bodies.increment();
        int i = 1;
        ps.setString(i++, agencyId);
        ps.setString(i++, Jdbc.newTimeOrderedId());
        ps.setTimestamp(i++, Timestamp.from(now));
        ps.setString(i++, actorId);
        ps.setString(i++, actorName);
        ps.setString(i++, rootType);
        ps.setString(i++, customerId);
        ps.setString(i++, rootType);
        ps.setString(i++, customerId);
        ps.setString(i++, "CREATED");
        ps.setString(i, body);
    }

    /** The platform's history body with this row's values in place of the template customer's. */
    String body(Data.Row r) {
        ArrayNode changes = template.deepCopy();
        for (JsonNode change : changes) {
            var value = FROM_ROW.get(change.path("field").asText());
            if (value != null) {
                ((ObjectNode) change).put("to", value.apply(r));
            }
        }
        return changes.toString();
    }

    /** Average characters of the history bodies the platform wrote, and of those this writer wrote. */
    Map<String, Object> bodySizes() {
        return Map.of("platformHistoryBodyChars", Math.round(platformBodyChars), "baselineHistoryBodyChars",
                bodies.sum() == 0 ? 0 : Math.round(bodyChars.sum() / (double) bodies.sum()));
    }

    /** Removes every row the baselines wrote under {@code agencyId}; returns the customers removed. */
    static int delete(Connection c, String agencyId) throws SQLException {
        int customers = 0;
        for (String table : new String[] {"platform_history", "customer_search_term", "customer"}) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE agency_id = ?")) {
                ps.setString(1, agencyId);
                int n = ps.executeUpdate();
                if (table.equals("customer")) {
                    customers = n;
                }
            }
        }
        return customers;
    }
}
