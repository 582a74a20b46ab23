package io.clientele.platform.impl.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded Derby keeps the customer table in 4 KB pages (changeSet customer-4-derby-small-pages), so that the list's
 * index walks, which fetch one row per page, cost a 4 KB page of the page cache per row instead of 32 KB. An agency
 * upgrading from a database that has the 32 KB table keeps every customer, column for column, and its keys. (The
 * test lives in {@link DerbyTemplate}'s package to copy the built template as a first start does.)
 */
class CustomerTablePagesTest {

    private static final String CHANGELOG = "db/clientele-customer.xml";
    private static final String REBUILD = "customer-4-derby-small-pages";

    @Test
    void upgradeRebuildsTheCustomerTableInSmallPagesAndKeepsEveryRowAndKey() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:derby:memory:pages-" + System.nanoTime() + ";create=true")) {
            migrate(c, REBUILD);
            assertEquals(32768, heapPageSize(c, "CUSTOMER"), "before the rebuild Derby chose 32 KB pages (the test's premise)");
            insertCustomer(c, "c-1", "Acme Propaganda", "Perfil longo ".repeat(2000), new BigDecimal("12.50"), true);
            insertCustomer(c, "c-2", "Beta Design", null, null, false);
            insertCustomer(c, "c-3", "Çara & Filhos", "{\"notes\":\"short\"}", new BigDecimal("0.00"), false);
            update(c, "INSERT INTO customer_follower (agency_id, customer_id, user_id) VALUES ('a-1', 'c-1', 'u-1')");
            List<Map<String, Object>> before = customers(c);

            migrate(c, null);

            assertEquals(4096, heapPageSize(c, "CUSTOMER"));
            assertEquals(before, customers(c), "every column of every customer survives the rebuild");
            assertEquals(List.of("NO", "NO", "YES"), nullability(c, "ID", "NAME", "PROFILE"));
            assertEquals("23505", sqlState(() -> insertCustomer(c, "c-2", "Duplicate", null, null, false)), "primary key");
            assertEquals("23503", sqlState(() -> update(c,
                    "INSERT INTO customer_follower (agency_id, customer_id, user_id) VALUES ('a-1', 'nobody', 'u-1')")),
                    "a follower still needs its customer");
            assertEquals("23503", sqlState(() -> update(c, "DELETE FROM customer WHERE id = 'c-1'")),
                    "a followed customer cannot be deleted under its followers");
            assertTrue(indexes(c, "CUSTOMER").containsAll(Set.of("IX_CUSTOMER_NAME", "IX_CUSTOMER_UPDATED",
                    "IX_CUSTOMER_CREATED", "IX_CUSTOMER_SERVICE_MANAGER", "IX_CUSTOMER_GROUP", "IX_CUSTOMER_NAME_DESC",
                    "IX_CUSTOMER_UPDATED_DESC", "IX_CUSTOMER_CREATED_DESC")), "the list's indexes: " + indexes(c, "CUSTOMER"));
            assertNull(databaseProperty(c, "derby.storage.pageSize"), "tables created later keep Derby's own choice");
            update(c, "CREATE TABLE later_notes (id INT, body CLOB)");
            assertEquals(32768, heapPageSize(c, "LATER_NOTES"));
        }
    }

    /** The empty database the distribution copies on a first start was built with the same changelog. */
    @Test
    void theDistributionsEmptyDatabaseHasTheSmallPageCustomerTable(@TempDir Path work) throws Exception {
        Path template = Paths.get("target", "classes", "db-template", "derby");
        assertTrue(Files.isDirectory(template), "the build writes the template before the tests: " + template.toAbsolutePath());
        Path copy = work.resolve("db");
        assertTrue(DerbyTemplate.copyIfAbsent(template, copy), "copied as a first start copies it");
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + copy.toAbsolutePath())) {
            assertEquals(4096, heapPageSize(c, "CUSTOMER"));
            assertEquals(0, count(c, "SELECT COUNT(*) FROM customer"));
        } finally {
            try {
                DriverManager.getConnection("jdbc:derby:" + copy.toAbsolutePath() + ";shutdown=true").close();
            } catch (SQLException expected) {
                // Derby reports a database shutdown as an exception (08006)
            }
        }
    }

    /** Applies the customer changelog up to (not including) {@code stopBefore}, or all of it when null. */
    private static void migrate(Connection c, String stopBefore) throws Exception {
        Scope.child(Map.<String, Object>of("liquibase.analytics.enabled", Boolean.FALSE, "liquibase.showBanner", Boolean.FALSE), () -> {
            @SuppressWarnings("deprecation")
            Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), new JdbcConnection(c));
            if (stopBefore == null) {
                liquibase.update(new Contexts(), new LabelExpression());
                return;
            }
            List<ChangeSet> changeSets = liquibase.getDatabaseChangeLog().getChangeSets();
            int index = 0;
            while (!changeSets.get(index).getId().equals(stopBefore)) {
                index++;
            }
            liquibase.update(index, new Contexts(), new LabelExpression());
        });
        if (!c.getAutoCommit()) { // Liquibase leaves it off; the test's own statements commit one by one
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private static void insertCustomer(Connection c, String id, String name, String profile, BigDecimal discount,
                                       boolean restricted) throws SQLException {
        Timestamp now = Timestamp.valueOf("2026-11-24 10:15:30.123456");
        try (PreparedStatement s = c.prepareStatement("INSERT INTO customer (id, agency_id, name, name_lower, person_type, "
                + "email, state, discount_percent, payment_day, product_service_ids, profile, search_text, restricted, "
                + "supplier, receive_promotional_emails, publish_digital_media, portal_access, archived, version, "
                + "created_at, updated_at) VALUES (?, 'a-1', ?, ?, 'COMPANY', ?, 'SP', ?, 10, '[\"p-1\"]', ?, ?, ?, "
                + "FALSE, TRUE, FALSE, FALSE, FALSE, 3, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, name);
            s.setString(3, name.toLowerCase());
            s.setString(4, id + "@example.com");
            s.setBigDecimal(5, discount);
            s.setString(6, profile);
            s.setString(7, name.toLowerCase());
            s.setBoolean(8, restricted);
            s.setTimestamp(9, now);
            s.setTimestamp(10, now);
            s.executeUpdate();
        }
    }

    private static List<Map<String, Object>> customers(Connection c) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM customer ORDER BY id")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = meta.getColumnType(i) == java.sql.Types.CLOB ? rs.getString(i) : rs.getObject(i);
                    row.put(meta.getColumnName(i), value);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static int heapPageSize(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT pagesize FROM TABLE(SYSCS_DIAG.SPACE_TABLE(?)) t WHERE isindex = 0")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "no table " + table);
                return rs.getInt(1);
            }
        }
    }

    private static List<String> nullability(Connection c, String... columns) throws SQLException {
        List<String> result = new ArrayList<>();
        for (String column : columns) {
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "CUSTOMER", column)) {
                assertTrue(rs.next(), "no column " + column);
                result.add(rs.getString("IS_NULLABLE"));
            }
        }
        return result;
    }

    private static Set<String> indexes(Connection c, String table) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (rs.next()) {
                names.add(rs.getString("INDEX_NAME"));
            }
        }
        return names;
    }

    private static String databaseProperty(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY(?)")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static String sqlState(SqlAction action) {
        return assertThrows(SQLException.class, action::run).getSQLState();
    }
}
