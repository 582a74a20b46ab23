package io.clientele.platform.api.db;

import io.clientele.platform.api.RequestContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that scopes rows to an agency. Every tenant-owned table has an {@code agency_id} column;
 * every statement built here adds {@code agency_id = ?} bound to {@link RequestContext#agencyId()}, so a
 * repository cannot forget it and a row of another agency reads exactly like a missing one.
 *
 * <p>Conditions passed in are SQL fragments with {@code ?} parameters; table and column names are checked
 * against a strict identifier pattern so they cannot smuggle SQL.
 */
public final class TenantTable {

    /** Longest identifier accepted ({@code [a-z][a-z0-9_]{0,62}}). */
    private static final int MAX_IDENTIFIER = 63;

    private final Database database;
    private final String table;

    public TenantTable(Database database, String table) {
        this.database = database;
        this.table = identifier(table);
    }

    /** The row with this id in the caller's agency. */
    public <T> Optional<T> findById(String id, RowMapper<T> mapper) {
        return database.inTransaction(c -> Jdbc.queryOne(c,
                "SELECT * FROM " + table + " WHERE agency_id = ? AND id = ?", mapper, RequestContext.agencyId(), id));
    }

    /** Rows of the caller's agency matching {@code condition} (may be null), in {@code orderBy} order, at most {@code limit}. */
    public <T> List<T> find(String condition, List<?> params, String orderBy, int limit, RowMapper<T> mapper) {
        return find("", condition, params, orderBy, limit, mapper);
    }

    /**
     * Like {@link #find(String, List, String, int, RowMapper)}, read through {@code index} on Derby
     * ({@link Dialect#indexHint}): for a keyset page whose index Derby's optimizer would misjudge.
     */
    public <T> List<T> findThroughIndex(String index, String condition, List<?> params, String orderBy, int limit, RowMapper<T> mapper) {
        return find(database.dialect().indexHint(index), condition, params, orderBy, limit, mapper);
    }

    private <T> List<T> find(String hint, String condition, List<?> params, String orderBy, int limit, RowMapper<T> mapper) {
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(table).append(hint).append(" WHERE agency_id = ?");
        if (condition != null && !condition.isBlank()) {
            sql.append(" AND (").append(condition).append(')');
        }
        if (orderBy != null && !orderBy.isBlank()) {
            sql.append(" ORDER BY ").append(orderBy);
        }
        if (limit > 0) {
            sql.append(database.dialect().limit(limit));
        }
        Object[] all = withAgency(params);
        return database.inTransaction(c -> Jdbc.query(c, sql.toString(), mapper, all));
    }

    /**
     * Streams every row of the caller's agency matching {@code condition}, in {@code orderBy} order, to {@code each}
     * from one query, {@code fetchSize} rows at a time: for exports and reports over more rows than fit in memory.
     */
    public <T> void forEach(String condition, List<?> params, String orderBy, int fetchSize, RowMapper<T> mapper,
                            java.util.function.Consumer<T> each) {
        forEach(null, condition, params, orderBy, fetchSize, mapper, each);
    }

    /**
     * Like {@link #forEach(String, List, String, int, RowMapper, java.util.function.Consumer)}, reading only
     * {@code columns} (all when null or empty).
     */
    public <T> void forEach(List<String> columns, String condition, List<?> params, String orderBy, int fetchSize,
                            RowMapper<T> mapper, java.util.function.Consumer<T> each) {
        stream(columns, "", condition, params, orderBy, fetchSize, mapper, each);
    }

    /**
     * Streams the matching rows of the caller's agency in no particular order, reading the table in storage order
     * (see {@link Dialect#tableScanHint()}): when most of a large agency's rows are wanted, one pass over the table
     * costs far less than an index walk that fetches every row from a random page. The caller sorts if it must.
     */
    public <T> void forEachInStorageOrder(List<String> columns, String condition, List<?> params, int fetchSize,
                                          RowMapper<T> mapper, java.util.function.Consumer<T> each) {
        stream(columns, database.dialect().tableScanHint(), condition, params, null, fetchSize, mapper, each);
    }

    private <T> void stream(List<String> columns, String hint, String condition, List<?> params, String orderBy, int fetchSize,
                            RowMapper<T> mapper, java.util.function.Consumer<T> each) {
        StringBuilder sql = new StringBuilder("SELECT ").append(select(columns)).append(" FROM ").append(table).append(hint)
                .append(" WHERE agency_id = ?");
        if (condition != null && !condition.isBlank()) {
            sql.append(" AND (").append(condition).append(')');
        }
        if (orderBy != null && !orderBy.isBlank()) {
            sql.append(" ORDER BY ").append(orderBy);
        }
        Object[] all = withAgency(params);
        database.inTransaction(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(fetchSize);
                Jdbc.bind(ps, all);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(mapper.map(rs));
                    }
                }
            } catch (java.sql.SQLException e) {
                throw Jdbc.translate(sql.toString(), e);
            }
            return null;
        });
    }

    /**
     * Streams rows of the caller's agency, each with aggregates over its rows in {@code child} (rows of the caller's
     * agency too, joined on {@code c.<childColumn> = t.id}; a row without any gets NULL sums), grouped per row, in one
     * statement: reports whose totals the database adds up. In the fragments the table is {@code t} and the child
     * {@code c}; {@code aggregates} are SQL expressions over them (read by the mapper as {@code a1}, {@code a2}, …),
     * {@code condition} filters rows of {@code t} before grouping and {@code having} (may be null) the groups after.
     * Parameters are bound in the order the fragments appear: aggregates, condition, having.
     */
    public <T> void forEachWithAggregates(List<String> columns, List<String> aggregates, List<?> aggregateParams, TenantTable child,
                                          String childColumn, String condition, List<?> params, String having, List<?> havingParams,
                                          String orderBy, int fetchSize, RowMapper<T> mapper, java.util.function.Consumer<T> each) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("name the grouped columns");
        }
        List<String> grouped = new ArrayList<>();
        for (String column : columns) {
            grouped.add("t." + identifier(column));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", grouped));
        for (int i = 0; i < aggregates.size(); i++) {
            sql.append(", ").append(aggregates.get(i)).append(" AS a").append(i + 1);
        }
        sql.append(" FROM ").append(table).append(" t LEFT JOIN ").append(child.table).append(" c ON c.agency_id = t.agency_id AND c.")
                .append(identifier(childColumn)).append(" = t.id WHERE t.agency_id = ?");
        if (condition != null && !condition.isBlank()) {
            sql.append(" AND (").append(condition).append(')');
        }
        sql.append(" GROUP BY ").append(String.join(", ", grouped));
        if (having != null && !having.isBlank()) {
            sql.append(" HAVING ").append(having);
        }
        if (orderBy != null && !orderBy.isBlank()) {
            sql.append(" ORDER BY ").append(orderBy);
        }
        List<Object> all = new ArrayList<>();
        if (aggregateParams != null) {
            all.addAll(aggregateParams);
        }
        all.add(RequestContext.agencyId());
        if (params != null) {
            all.addAll(params);
        }
        if (havingParams != null) {
            all.addAll(havingParams);
        }
        String statement = sql.toString();
        Object[] values = all.toArray();
        database.inTransaction(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(statement)) {
                ps.setFetchSize(fetchSize);
                Jdbc.bind(ps, values);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(mapper.map(rs));
                    }
                }
            } catch (java.sql.SQLException e) {
                throw Jdbc.translate(statement, e);
            }
            return null;
        });
    }

    private static String select(List<String> columns) {
        if (columns == null || columns.isEmpty()) {
            return "*";
        }
        StringBuilder sb = new StringBuilder();
        for (String column : columns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(identifier(column));
        }
        return sb.toString();
    }

    /**
     * Whether the caller's agency has at least {@code rows} rows matching {@code condition}: cheaper than {@link #count}
     * on a large agency, as the database stops at that row.
     */
    public boolean hasAtLeast(String condition, List<?> params, long rows) {
        if (rows <= 0) {
            return true;
        }
        String sql = "SELECT 1 FROM " + table + " WHERE agency_id = ?"
                + (condition == null || condition.isBlank() ? "" : " AND (" + condition + ")")
                + " OFFSET " + (rows - 1) + " ROWS FETCH NEXT 1 ROWS ONLY";
        Object[] all = withAgency(params);
        return !database.inTransaction(c -> Jdbc.query(c, sql, rs -> Boolean.TRUE, all)).isEmpty();
    }

    public long count(String condition, List<?> params) {
        String sql = "SELECT COUNT(*) FROM " + table + " WHERE agency_id = ?"
                + (condition == null || condition.isBlank() ? "" : " AND (" + condition + ")");
        Object[] all = withAgency(params);
        return database.inTransaction(c -> Jdbc.count(c, sql, all));
    }

    /** Inserts a row; {@code agency_id} is set from the request context and may not be given. */
    public void insert(Map<String, ?> columns) {
        if (columns.containsKey("agency_id")) {
            throw new IllegalArgumentException("agency_id is set by TenantTable, not by callers");
        }
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        names.add("agency_id");
        values.add(RequestContext.agencyId());
        columns.forEach((k, v) -> {
            names.add(identifier(k));
            values.add(v);
        });
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")";
        database.inTransaction(c -> Jdbc.update(c, sql, values.toArray()));
    }

    /**
     * Inserts several rows with one prepared statement sent as a batch; each row must name the same columns as the
     * first. {@code agency_id} is set from the request context and may not be given. Nothing happens for no rows.
     */
    public void insertAll(List<? extends Map<String, ?>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (String k : rows.get(0).keySet()) {
            if ("agency_id".equals(k)) {
                throw new IllegalArgumentException("agency_id is set by TenantTable, not by callers");
            }
            names.add(identifier(k));
        }
        String agencyId = RequestContext.agencyId();
        List<Object[]> values = new ArrayList<>(rows.size());
        for (Map<String, ?> row : rows) {
            if (row.size() != names.size() || !row.keySet().containsAll(names)) {
                throw new IllegalArgumentException("every row must name the columns " + names + ", not " + row.keySet());
            }
            Object[] v = new Object[names.size() + 1];
            v[0] = agencyId;
            for (int i = 0; i < names.size(); i++) {
                v[i + 1] = row.get(names.get(i));
            }
            values.add(v);
        }
        String sql = "INSERT INTO " + table + " (agency_id, " + String.join(", ", names) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(names.size() + 1, "?")) + ")";
        database.inTransaction(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] v : values) {
                    Jdbc.bind(ps, v);
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (java.sql.SQLException e) {
                java.sql.SQLException cause = e instanceof java.sql.BatchUpdateException b && b.getNextException() != null ? b.getNextException() : e;
                throw Jdbc.translate(sql, cause);
            }
            return null;
        });
    }

    /**
     * Updates the row with this id in the caller's agency and bumps its {@code version}.
     *
     * @param expectedVersion when not null, the update only applies if the row still has this version
     * @return the number of rows changed (0: missing, another agency's, or stale version)
     */
    public int update(String id, Long expectedVersion, Map<String, ?> columns) {
        List<String> sets = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        columns.forEach((k, v) -> {
            if ("agency_id".equals(k) || "id".equals(k) || "version".equals(k)) {
                throw new IllegalArgumentException(k + " cannot be updated");
            }
            sets.add(identifier(k) + " = ?");
            values.add(v);
        });
        sets.add("version = version + 1");
        values.add(RequestContext.agencyId());
        values.add(id);
        String sql = "UPDATE " + table + " SET " + String.join(", ", sets) + " WHERE agency_id = ? AND id = ?";
        if (expectedVersion != null) {
            sql += " AND version = ?";
            values.add(expectedVersion);
        }
        String statement = sql;
        return database.inTransaction(c -> Jdbc.update(c, statement, values.toArray()));
    }

    /** Deletes rows of the caller's agency matching {@code condition}; returns how many. */
    public int delete(String condition, List<?> params) {
        String sql = "DELETE FROM " + table + " WHERE agency_id = ? AND (" + condition + ")";
        Object[] all = withAgency(params);
        return database.inTransaction(c -> Jdbc.update(c, sql, all));
    }

    private Object[] withAgency(List<?> params) {
        Object[] all = new Object[(params == null ? 0 : params.size()) + 1];
        all[0] = RequestContext.agencyId();
        if (params != null) {
            for (int i = 0; i < params.size(); i++) {
                all[i + 1] = params.get(i);
            }
        }
        return all;
    }

    /** The name when it is {@code [a-z][a-z0-9_]{0,62}} (checked by hand: this runs for every column of every write). */
    static String identifier(String name) {
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException("not an SQL identifier: " + name);
        }
        return name;
    }

    private static boolean isIdentifier(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_IDENTIFIER) {
            return false;
        }
        char first = name.charAt(0);
        if (first < 'a' || first > 'z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Convenience for building parameter lists. */
    public static List<Object> params(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }
}
