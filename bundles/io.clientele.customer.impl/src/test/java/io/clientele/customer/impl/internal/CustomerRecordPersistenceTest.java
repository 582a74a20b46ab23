package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.customer.api.Address;
import io.clientele.customer.api.Complementary;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.PersonType;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.platform.testing.PersistenceUnitTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The customer registry's persistence unit outside OSGi, on Derby migrated by the real changelogs: the customer's
 * mapping against the schema, tenancy, versions, one transaction with the set-based rows written beside it, and the
 * import's batch row being the row {@code persist} writes.
 */
class CustomerRecordPersistenceTest extends PersistenceUnitTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";
    private static final String CHANGELOG = "db/clientele-customer.xml";

    CustomerRecordPersistenceTest() {
        super("customer", CustomerStore.class, CHANGELOG);
    }

    @Override
    protected void worksOnPostgresql(JpaUnitFixture pg) {
        Customer full = full("Padaria Pão Quente");
        Instant at = Instant.parse("2026-12-01T10:00:00.123456Z");
        String id = pg.as(A, () -> pg.work().inTransaction(em -> {
            CustomerRecord r = new CustomerRecord(Jdbc.newId(), full, at);
            em.persist(r);
            return r.id();
        }));
        Customer read = pg.as(A, () -> pg.work().inTransaction(em -> em.find(CustomerRecord.class, id).toApi(List.of())));
        assertEquals(withBookkeeping(full, id, 0, at, at), read, "every field, the CLOB profile and the decimal included");
    }


    @Test
    void everyFieldRoundTripsOnDerby() {
        Customer full = full("Padaria Pão Quente");
        Instant at = Instant.parse("2026-12-01T10:00:00.123456Z");
        String id = db.as(A, () -> work.inTransaction(em -> {
            CustomerRecord r = new CustomerRecord(Jdbc.newId(), full, at);
            em.persist(r);
            return r.id();
        }));
        Customer read = db.as(A, () -> work.inTransaction(em -> em.find(CustomerRecord.class, id).toApi(List.of())));
        assertEquals(withBookkeeping(full, id, 0, at, at), read);
        assertEquals("padaria pão quente", column(id, "name_lower"), "the list's sort column is derived on write");
        assertEquals("12345678000195", column(id, "document_digits"), "the document's digits are kept for search");
        assertEquals(CustomerSearch.searchText(CustomerStore.wordsOf(full)), column(id, "search_text"));
    }

    @Test
    void theImportsBatchRowIsTheRowPersistWrites() {
        Customer full = full("Estúdio Norte");
        Instant at = Instant.parse("2026-12-02T08:00:00Z");
        String persisted = db.as(A, () -> work.inTransaction(em -> {
            CustomerRecord r = new CustomerRecord(Jdbc.newId(), full, at);
            em.persist(r);
            return r.id();
        }));
        String imported = Jdbc.newId();
        db.database().inTransaction(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("agency_id", A);
            row.put("id", imported);
            row.putAll(new CustomerRecord(imported, full, at).columns());
            row.put("version", 0L);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customer (" + String.join(", ", row.keySet()) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(row.size(), "?")) + ")")) {
                int i = 1;
                for (Object v : row.values()) {
                    ps.setObject(i++, v instanceof Enum<?> e ? e.name() : v instanceof Instant t ? java.sql.Timestamp.from(t) : v);
                }
                return ps.executeUpdate();
            }
        });
        assertEquals(rowOf(persisted), rowOf(imported), "every column but the id");
        Customer read = db.as(A, () -> work.inTransaction(em -> em.find(CustomerRecord.class, imported).toApi(List.of())));
        assertEquals(withBookkeeping(full, imported, 0, at, at), read);
    }

    @Test
    void anAgencyNeverReadsNorChangesAnotherAgencysCustomers() {
        String id = db.as(A, () -> work.inTransaction(em -> {
            CustomerRecord r = new CustomerRecord(Jdbc.newId(), full("Alfa"), Instant.now());
            em.persist(r);
            return r.id();
        }));
        assertEquals(A, column(id, "agency_id"), "the agency column is written from the request's agency");
        assertNull(db.as(B, () -> work.inTransaction(em -> em.find(CustomerRecord.class, id))), "find by id");
        long seenByB = db.as(B, () -> work.inTransaction(em -> em.createQuery("SELECT COUNT(c) FROM Customer c", Long.class)
                .getSingleResult()));
        assertEquals(0, seenByB, "a query without a condition");
        int changedByB = db.as(B, () -> work.inTransaction(em -> em.createQuery("UPDATE Customer c SET c.name = :name")
                .setParameter("name", "Mine").executeUpdate()));
        assertEquals(0, changedByB, "a bulk update");
        assertEquals("Alfa", column(id, "name"));
    }

    @Test
    void aNewCustomerIsVersionZeroEachChangeAddsOneAndAStaleWriteIs412() {
        String id = db.as(A, () -> work.inTransaction(em -> {
            CustomerRecord r = new CustomerRecord(Jdbc.newId(), full("Beta"), Instant.now());
            em.persist(r);
            em.flush();
            assertEquals(0, r.version());
            return r.id();
        }));
        long after = db.as(A, () -> work.inTransaction(em -> {
            CustomerRecord r = em.find(CustomerRecord.class, id);
            r.change(full("Beta 2"), Instant.now());
            em.flush();
            return r.version();
        }));
        assertEquals(1, after);
        assertEquals("1", column(id, "version"));
        // the row changes between this request's read and its write (on Derby a read of the profile, a CLOB, holds its
        // row until the transaction ends, so the change is made on the same transaction's connection)
        ProblemException stale = assertThrows(ProblemException.class, () -> db.as(A, () -> work.inTransaction(em -> {
            CustomerRecord r = em.find(CustomerRecord.class, id);
            db.database().inTransaction(c -> update(c, "UPDATE customer SET version = version + 1 WHERE id = ?", id));
            r.archive(Instant.now());
            em.flush();
            return null;
        })));
        assertEquals(412, stale.status());
        assertEquals("1", column(id, "version"), "the whole transaction rolled back");
        assertEquals("false", column(id, "archived"), "the archive was not written over the changed row");
        ProblemException ifMatch = assertThrows(ProblemException.class, () -> db.as(A, () -> work.inTransaction(em -> {
            em.find(CustomerRecord.class, id).requireVersion(0L, "customer"); // the client read version 0
            return null;
        })));
        assertEquals(412, ifMatch.status());
    }

    @Test
    void aFailureAfterTheCustomerAndItsSearchWordsLeavesNeither() {
        String id = Jdbc.newId();
        assertThrows(IllegalStateException.class, () -> db.as(A, () -> work.inTransaction(em -> {
            em.persist(new CustomerRecord(id, full("Gama"), Instant.now()));
            em.flush();
            db.database().inTransaction(c -> update(c,
                    "INSERT INTO customer_search_term (agency_id, customer_id, term) VALUES ('" + A + "', ?, 'gama')", id));
            throw new IllegalStateException("fails after both writes");
        })));
        assertEquals(0, db.count("SELECT COUNT(*) FROM customer WHERE id = ?", id), "the JPA row rolled back");
        assertEquals(0, db.count("SELECT COUNT(*) FROM customer_search_term WHERE customer_id = ?", id), "the JDBC rows rolled back");
    }

    @Test
    void followersWrittenAfterTheFlushReferenceTheNewRowInOneTransaction() {
        String id = Jdbc.newId();
        db.as(A, () -> work.inTransaction(em -> {
            em.persist(new CustomerRecord(id, full("Delta"), Instant.now()));
            em.flush(); // as CustomerStore.create does: the follower row's foreign key needs the customer row
            return db.database().inTransaction(c -> update(c,
                    "INSERT INTO customer_follower (agency_id, customer_id, user_id) VALUES ('" + A + "', ?, 'user-1')", id));
        }));
        assertEquals(1, db.count("SELECT COUNT(*) FROM customer_follower WHERE customer_id = ?", id));
    }

    @Test
    void anImportsRunIsRecordedInItsOwnTransactionsWhetherTheImportCommitsOrNot() {
        ImportRunStore runs = new ImportRunStore(db.database(), work, java.time.Clock.systemUTC());
        String id = db.as(A, () -> {
            ImportRunStore.Progress[] started = new ImportRunStore.Progress[1];
            assertThrows(IllegalStateException.class, () -> db.database().inTransaction(c -> {
                started[0] = runs.start(false, 2048);
                throw new IllegalStateException("the import's own transaction rolls back");
            }));
            started[0].finish(null, true);
            return started[0].id();
        });
        ImportRunStore.ImportRun failed = db.as(A, () -> runs.get(id));
        assertEquals(ImportRunStore.State.FAILED, failed.state());
        assertEquals(100, failed.percent());
        assertEquals(2048, failed.fileBytes());
        String succeeded = db.as(A, () -> {
            ImportRunStore.Progress p = runs.start(true, 10);
            p.finish(new io.clientele.customer.api.CustomerExchange.ImportResult(7, 5, List.of(), false), false);
            return p.id();
        });
        ImportRunStore.ImportRun done = db.as(A, () -> runs.get(succeeded));
        assertEquals(List.of(ImportRunStore.State.SUCCEEDED, 7, 5, 0), List.of(done.state(), done.rowsRead(), done.created(), done.errors()));
        assertEquals(List.of(succeeded, id), db.as(A, () -> runs.recent(10)).stream().map(ImportRunStore.ImportRun::id).toList(),
                "newest first");
        assertEquals(List.of(), db.as(B, () -> runs.recent(10)), "another agency sees none of them");
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(B, () -> runs.get(id))).status());
    }

    private static Customer full(String name) {
        return CustomerStore.normalize(new Customer(null, name, name + " Ltda", PersonType.COMPANY, "12.345.678/0001-95",
                "Contato@Example.com", "+55 11 5555-0000", "https://example.com", "seg-1", "st-1", "ch-1", "sec-1", "u-resp",
                "u-serv", "u-asst", List.of(), "grp-1", "tpl-1", true, false, true, false, true,
                new Address("01310-100", "Av. Paulista", "1000", "cj 12", "Bela Vista", "São Paulo", "SP", "br"),
                new Complementary("Banco", "0001", "12345-6", new BigDecimal("12.50"), "bt-1", "pc-1", 10, List.of("p-1", "p-2")),
                List.of("inv-1", "inv-2"), "A long profile.\n".repeat(400), 0, null, null, false));
    }

    private static Customer withBookkeeping(Customer c, String id, long version, Instant createdAt, Instant updatedAt) {
        return new Customer(id, c.name(), c.companyName(), c.personType(), c.documentNumber(), c.email(), c.phone(), c.website(),
                c.segmentId(), c.statusId(), c.attractionChannelId(), c.sectorId(), c.responsibleManagerId(), c.serviceManagerId(),
                c.assistantId(), c.followerIds(), c.groupId(), c.projectTemplateId(), c.restricted(), c.supplier(),
                c.receivePromotionalEmails(), c.publishDigitalMedia(), c.portalAccess(), c.address(), c.complementary(),
                c.invoiceTypeIds(), c.profile(), version, createdAt, updatedAt, false);
    }

    private static int update(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            return ps.executeUpdate();
        }
    }

    /** Every column of the row but its id, as text. */
    private List<String> rowOf(String id) {
        return db.database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM customer WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        if (!"id".equalsIgnoreCase(rs.getMetaData().getColumnLabel(i))) {
                            values.add(rs.getMetaData().getColumnLabel(i) + "=" + rs.getString(i));
                        }
                    }
                    return values;
                }
            }
        });
    }

    private String column(String id, String column) {
        return db.column("SELECT " + column + " FROM customer WHERE id = ?", id);
    }
}
