package io.clientele.budget.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.budget.api.EntryKind;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.KeysetPages;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.platform.testing.PersistenceUnitTest;
import io.clientele.platform.api.money.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The budget module's persistence unit outside OSGi, on Derby migrated by the real changelogs: its mappings against
 * the schema, tenancy, versions, keyset pages, and one transaction with the platform's JDBC writes.
 */
class BudgetPersistenceTest extends PersistenceUnitTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";

    BudgetPersistenceTest() {
        super("budget", BudgetStore.class, "db/clientele-budget.xml");
    }

    /** A budget round trip through PostgreSQL's types. */
    @Override
    protected void worksOnPostgresql(JpaUnitFixture pg) {
        String id = pg.as(A, () -> pg.work().inTransaction(em -> {
            BudgetRecord b = budget("Launch", Instant.parse("2026-12-01T10:00:00.123Z"));
            em.persist(b);
            return b.id();
        }));
        BudgetRecord read = pg.as(A, () -> pg.work().inTransaction(em -> em.find(BudgetRecord.class, id)));
        assertEquals(Money.brl("1500.25"), read.toApi().amount());
        assertEquals(Instant.parse("2026-12-01T10:00:00.123Z"), read.createdAt());
    }

    @Test
    void anAgencyNeverReadsNorChangesAnotherAgencysRows() {
        String id = db.as(A, () -> work.inTransaction(em -> {
            BudgetRecord b = budget("Spring", Instant.now());
            em.persist(b);
            return b.id();
        }));
        assertEquals(A, db.column("SELECT agency_id FROM budget_budget WHERE id = ?", id),
                "the agency column is written from the request's agency");
        assertNull(db.as(B, () -> work.inTransaction(em -> em.find(BudgetRecord.class, id))), "find by id");
        long seenByB = db.as(B, () -> work.inTransaction(em -> em.createQuery("SELECT COUNT(b) FROM Budget b", Long.class)
                .getSingleResult()));
        assertEquals(0, seenByB, "a query without a condition");
        int changedByB = db.as(B, () -> work.inTransaction(em -> em.createQuery("UPDATE Budget b SET b.campaign = 'mine'")
                .executeUpdate()));
        assertEquals(0, changedByB, "a bulk update");
        assertEquals("Spring", db.as(A, () -> work.inTransaction(em -> em.find(BudgetRecord.class, id).toApi().campaign())));
        assertThrows(IllegalStateException.class, () -> work.inTransaction(em -> em.find(BudgetRecord.class, id)),
                "no agency, no persistence context");
    }

    @Test
    void aNewRowIsVersionZeroEachChangeAddsOneAndAStaleWriteIs412() {
        String id = db.as(A, () -> work.inTransaction(em -> {
            BudgetRecord b = budget("Summer", Instant.now());
            em.persist(b);
            em.flush();
            assertEquals(0, b.version(), "version seen after the insert");
            return b.id();
        }));
        assertEquals(0, db.version("budget_budget", id));
        long after = db.as(A, () -> work.inTransaction(em -> {
            BudgetRecord b = em.find(BudgetRecord.class, id);
            b.change(new BudgetStore.Fields("Summer 2", Money.brl("10.00"), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1)),
                    Instant.now());
            em.flush();
            return b.version();
        }));
        assertEquals(1, after);
        assertEquals(1, db.version("budget_budget", id));
        ProblemException stale = assertThrows(ProblemException.class, () -> db.as(A, () -> work.inTransaction(em -> {
            BudgetRecord b = em.find(BudgetRecord.class, id);
            db.bumpVersion("budget_budget", id); // another request changed the row after this one read it
            b.delete(Instant.now());
            em.flush();
            return null;
        })));
        assertEquals(412, stale.status());
        assertEquals(2, db.version("budget_budget", id), "the other request's change stands, this one's is gone");
        ProblemException ifMatch = assertThrows(ProblemException.class, () -> db.as(A, () -> work.inTransaction(em -> {
            em.find(BudgetRecord.class, id).requireVersion(1L, "budget");
            return null;
        })));
        assertEquals(412, ifMatch.status());
    }

    @Test
    void aFailureBetweenAJpaWriteAndAJdbcWriteLeavesNeither() {
        String id = Jdbc.newId();
        assertThrows(IllegalStateException.class, () -> db.as(A, () -> db.database().inTransaction(c -> {
            work.inTransaction(em -> {
                em.persist(new BudgetRecord(id, "customer-1", fields("Fall"), Instant.now()));
                return null;
            }); // the EntityManager has committed (flushed) here
            insertHistoryLikeRow(c, id);
            throw new IllegalStateException("fails after both writes");
        })));
        assertEquals(0, db.count("SELECT COUNT(*) FROM budget_budget WHERE id = ?", id), "the JPA row rolled back");
        assertEquals(0, db.count("SELECT COUNT(*) FROM budget_entry WHERE budget_id = ?", id), "the JDBC row rolled back");
        assertNull(db.as(A, () -> work.inTransaction(em -> em.find(BudgetRecord.class, id))), "and no cache kept it");
    }

    @Test
    void workInANewTransactionInsideJpaWorkHasItsOwnEntityManagerAndCommitsOnItsOwn() {
        String outer = Jdbc.newId();
        String inner = Jdbc.newId();
        assertThrows(IllegalStateException.class, () -> db.as(A, () -> work.inTransaction(em -> {
            em.persist(new BudgetRecord(outer, "customer-1", fields("Outer"), Instant.now()));
            db.database().inNewTransaction(c -> work.inTransaction(own -> {
                own.persist(new BudgetRecord(inner, "customer-1", fields("Inner"), Instant.now()));
                return null;
            }));
            throw new IllegalStateException("the outer work fails after the inner one committed");
        })));
        assertEquals(0, db.count("SELECT COUNT(*) FROM budget_budget WHERE id = ?", outer), "the outer work rolled back");
        assertEquals(1, db.count("SELECT COUNT(*) FROM budget_budget WHERE id = ?", inner), "the new transaction committed on its own");
    }

    @Test
    void aJpaFailureWhoseExceptionIsCaughtStillRollsBackTheJdbcWrite() {
        String id = Jdbc.newId();
        assertThrows(RuntimeException.class, () -> db.as(A, () -> db.database().inTransaction(c -> {
            insertHistoryLikeRow(c, id);
            try {
                work.inTransaction(em -> {
                    em.persist(new BudgetRecord(id, "customer-1", fields("Winter"), Instant.now()));
                    throw new IllegalArgumentException("inner failure");
                });
            } catch (IllegalArgumentException swallowed) {
                // the caller goes on, but the transaction may no longer commit
            }
            return null;
        })));
        assertEquals(0, db.count("SELECT COUNT(*) FROM budget_entry WHERE budget_id = ?", id));
    }

    @Test
    void bothWritesCommitTogetherAndJdbcSeesTheJpaRowInsideTheTransaction() {
        String id = Jdbc.newId();
        long seenInside = db.as(A, () -> db.database().inTransaction(c -> {
            work.inTransaction(em -> {
                em.persist(new BudgetRecord(id, "customer-1", fields("Both"), Instant.now()));
                return null;
            });
            insertHistoryLikeRow(c, id);
            return Jdbc.count(c, "SELECT COUNT(*) FROM budget_budget WHERE id = ?", id);
        }));
        assertEquals(1, seenInside);
        assertEquals(1, db.count("SELECT COUNT(*) FROM budget_budget WHERE id = ?", id));
        assertEquals(1, db.count("SELECT COUNT(*) FROM budget_entry WHERE budget_id = ?", id));
    }

    @Test
    void aDuplicateIdIsTheDuplicateKeyTheRestLayerAnswers409() {
        String id = db.as(A, () -> work.inTransaction(em -> {
            BudgetRecord b = budget("One", Instant.now());
            em.persist(b);
            return b.id();
        }));
        assertThrows(io.clientele.platform.api.db.DuplicateKeyException.class, () -> db.as(A, () -> work.inTransaction(em -> {
            em.persist(new BudgetRecord(id, "customer-1", fields("Two"), Instant.now()));
            em.flush();
            return null;
        })));
    }

    @Test
    void keysetPagesWalkEveryKeptRowOnceInCreationOrder() {
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        List<String> expected = new ArrayList<>();
        db.as(A, () -> work.inTransaction(em -> {
            for (int i = 0; i < 11; i++) {
                // pairs share a timestamp: the id breaks the tie
                BudgetRecord b = budget("c" + i, t.plusSeconds(i / 2));
                em.persist(b);
                if (i % 3 != 0) {
                    expected.add(b.id());
                }
            }
            return null;
        }));
        Set<String> kept = Set.copyOf(expected);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            PageRequest request = new PageRequest(3, cursor);
            Page<BudgetRecord> page = db.as(A, () -> work.inTransaction(em -> KeysetPages.page(em, BudgetRecord.class,
                    "e.deleted = :deleted", Map.of("deleted", false), request, b -> kept.contains(b.id()))));
            page.items().forEach(b -> seen.add(b.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        List<String> inOrder = db.as(A, () -> work.inTransaction(em -> em.createQuery(
                "SELECT b.id FROM Budget b ORDER BY b.createdAt, b.id", String.class).getResultList())).stream()
                .filter(kept::contains).toList();
        assertEquals(inOrder, seen);
        assertEquals(7, seen.size());
        assertEquals(3, pages);
        ProblemException bad = assertThrows(ProblemException.class, () -> db.as(A, () -> work.inTransaction(em ->
                KeysetPages.page(em, BudgetRecord.class, null, Map.of(), new PageRequest(3, "not-a-cursor"), b -> true))));
        assertEquals(400, bad.status());
    }

    @Test
    void anEntryKeepsItsKindAmountAndSettlement() {
        String entryId = db.as(A, () -> work.inTransaction(em -> {
            BudgetRecord b = budget("Entries", Instant.now());
            em.persist(b);
            EntryRecord e = new EntryRecord(Jdbc.newId(), b, EntryKind.COMMITTED, Money.brl("12.5"), "ad", "job-1", null, Instant.now());
            em.persist(e);
            e.settle("spent-1");
            return e.id();
        }));
        EntryRecord read = db.as(A, () -> work.inTransaction(em -> em.find(EntryRecord.class, entryId)));
        assertNotNull(read);
        assertEquals(EntryKind.COMMITTED, read.toApi().kind());
        assertEquals(Money.brl("12.50"), read.toApi().amount());
        assertEquals("spent-1", read.toApi().spentEntryId());
        assertTrue(!read.toApi().open());
    }

    private static BudgetStore.Fields fields(String campaign) {
        return new BudgetStore.Fields(campaign, Money.brl("1500.25"), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    }

    private static BudgetRecord budget(String campaign, Instant createdAt) {
        return new BudgetRecord(Jdbc.newId(), "customer-1", fields(campaign), createdAt);
    }

    /** A JDBC write of the same call (like the history row a store records), into the module's other table. */
    private static int insertHistoryLikeRow(Connection c, String budgetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO budget_entry (id, agency_id, budget_id, customer_id, kind, amount,"
                + " currency, is_open, version, created_at) VALUES (?, ?, ?, 'customer-1', 'SPENT', 1, 'BRL', FALSE, 0, CURRENT_TIMESTAMP)")) {
            ps.setString(1, Jdbc.newId());
            ps.setString(2, A);
            ps.setString(3, budgetId);
            return ps.executeUpdate();
        }
    }
}
