package io.clientele.platform.api.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Small JDBC helpers: parameter binding for the platform's value types, queries, updates, error translation. */
public final class Jdbc {

    private Jdbc() {
    }

    /**
     * A binary column value read from a stream as the statement executes (an uploaded file from its temporary file),
     * so that it is never held in memory whole. {@code length} is the exact number of bytes the stream gives.
     */
    public record BinaryStream(java.io.InputStream in, long length) {
        public BinaryStream {
            if (length < 0 || length > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a binary value of " + length + " bytes cannot be stored");
            }
        }
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * A UUID (version 7) whose leading bits are the current time in milliseconds: ids made one after another sort
     * one after another, so bulk inserts append to primary-key indexes instead of touching pages all over them.
     */
    public static String newTimeOrderedId() {
        long millis = System.currentTimeMillis();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    public static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(c, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public static long count(Connection c, String sql, Object... params) {
        return queryOne(c, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    public static int update(Connection c, String sql, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            bindOne(ps, i + 1, params[i]);
        }
    }

    static void bindOne(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, nullType(ps, index));
        } else if (value instanceof Instant instant) {
            ps.setTimestamp(index, Timestamp.from(instant));
        } else if (value instanceof LocalDate date) {
            ps.setDate(index, Date.valueOf(date));
        } else if (value instanceof Enum<?> e) {
            ps.setString(index, e.name());
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else if (value instanceof Integer n) {
            ps.setInt(index, n);
        } else if (value instanceof Long n) {
            ps.setLong(index, n);
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else if (value instanceof BinaryStream stream) {
            ps.setBinaryStream(index, stream.in(), (int) stream.length());
        } else {
            ps.setString(index, value.toString());
        }
    }

    /**
     * The SQL type a NULL is bound with. PostgreSQL's driver answers {@code getParameterMetaData()} with a round trip
     * to the server (a describe of the statement) every time it is asked, which cost a customer insert some thirty
     * round trips, one per empty column: there the NULL is bound untyped ({@link Types#NULL}) and the server takes
     * its type from the column or the expression it meets. Derby answers from the compiled statement in memory, and
     * needs the type.
     */
    private static int nullType(PreparedStatement ps, int index) {
        try {
            if (POSTGRESQL.equals(ps.getConnection().getMetaData().getDatabaseProductName())) {
                return Types.NULL;
            }
            return ps.getParameterMetaData().getParameterType(index);
        } catch (SQLException e) {
            return Types.VARCHAR;
        }
    }

    private static final String POSTGRESQL = "PostgreSQL";

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    /** Wraps an SQL failure; unique-constraint violations become {@link DuplicateKeyException}. */
    public static DataAccessException translate(String sql, SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            return new DuplicateKeyException("duplicate key: " + e.getMessage(), e);
        }
        return new DataAccessException("SQL failed: " + sql + ": " + e.getMessage(), e);
    }
}
