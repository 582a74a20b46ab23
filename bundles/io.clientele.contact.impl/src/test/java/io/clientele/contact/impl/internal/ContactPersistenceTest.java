package io.clientele.contact.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.PortalStatus;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.platform.testing.PersistenceUnitTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contact bundle's persistence unit outside OSGi, on Derby (and PostgreSQL when it answers) migrated by the real
 * changelogs: its mapping against the schema, tenancy, versions, the store's queries, and one transaction with the
 * platform's JDBC writes. The contact table has no foreign key to the customer's, so the contact changelog suffices.
 */
class ContactPersistenceTest extends PersistenceUnitTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";
    private static final String CUSTOMER = "customer-1";

    ContactPersistenceTest() {
        super("contact", ContactStore.class, ContactStore.CHANGELOG);
    }

    @Override
    protected void worksOnPostgresql(JpaUnitFixture pg) {

        Instant at = Instant.parse("2026-12-01T10:00:00.123456Z");
        String id = pg.as(A, () -> pg.work().inTransaction(em -> {
            ContactRecord c = contact("Paula", "Paula@Bakery.test", true, at);
            em.persist(c);
            c.portalAccess(PortalStatus.ACTIVE, "hash-1", at);
            return c.id();
        }));
        Contact read = pg.as(A, () -> pg.work().inTransaction(em -> em.find(ContactRecord.class, id).toApi()));
        assertEquals(new Contact(id, CUSTOMER, "Paula", "Paula@Bakery.test", "+55 11 5555-0000", "Owner", true, "notes", true,
                PortalStatus.ACTIVE, 0L, at, at), read);
        assertEquals(id, pg.as(A, () -> pg.work().inTransaction(em ->
                ContactQueries.activePortalAccount(em, "paula@bakery.test").map(ContactRecord::id).orElse(null))));
        assertEquals(List.of(id), pg.as(A, () -> pg.work().inTransaction(em ->
                ContactQueries.ofCustomer(em, CUSTOMER).stream().map(ContactRecord::id).toList())));
    }


    @Test
    void everyColumnIsWrittenAndReadBack() {
        Instant at = Instant.parse("2026-12-01T10:00:00.123456Z");
        String id = db.as(A, () -> work.inTransaction(em -> {
            ContactRecord c = contact("Rita", "Rita@Shop.test", false, at);
            em.persist(c);
            return c.id();
        }));
        assertEquals("rita@shop.test", column(id, "email_lower"), "the login e-mail is kept in lower case");
        assertEquals("NONE", column(id, "portal_status"), "a new contact has no portal access");
        assertEquals("false", column(id, "deleted").toLowerCase());
        Contact read = db.as(A, () -> work.inTransaction(em -> em.find(ContactRecord.class, id).toApi()));
        assertEquals(new Contact(id, CUSTOMER, "Rita", "Rita@Shop.test", "+55 11 5555-0000", "Owner", false, "notes", true,
                PortalStatus.NONE, 0L, at, at), read);
        db.as(A, () -> work.inTransaction(em -> {
            em.find(ContactRecord.class, id).portalAccess(PortalStatus.INVITED, null, at);
            return null;
        }));
        assertNull(column(id, "portal_password_hash"), "no password until the contact activates");
        db.as(A, () -> work.inTransaction(em -> {
            em.find(ContactRecord.class, id).portalAccess(PortalStatus.ACTIVE, "hash-2", at);
            return null;
        }));
        assertEquals("hash-2", column(id, "portal_password_hash"));
        assertEquals("ACTIVE", column(id, "portal_status"));
    }

    @Test
    void anAgencyNeverReadsNorChangesAnotherAgencysContacts() {
        String id = db.as(A, () -> work.inTransaction(em -> {
            ContactRecord c = contact("Ana", "ana@a.test", true, Instant.now());
            em.persist(c);
            c.portalAccess(PortalStatus.ACTIVE, "hash", Instant.now());
            return c.id();
        }));
        assertEquals(A, column(id, "agency_id"), "the agency column is written from the request's agency");
        assertNull(db.as(B, () -> work.inTransaction(em -> em.find(ContactRecord.class, id))), "find by id");
        assertEquals(List.of(), db.as(B, () -> work.inTransaction(em -> ContactQueries.ofCustomer(em, CUSTOMER))), "a customer's list");
        assertTrue(db.as(B, () -> work.inTransaction(em -> ContactQueries.activePortalAccount(em, "ana@a.test"))).isEmpty(),
                "the portal login");
        assertEquals(0L, (long) db.as(B, () -> work.inTransaction(em -> ContactQueries.portalLogins(em, "ana@a.test", "other"))),
                "the login e-mail is free in another agency");
        int changedByB = db.as(B, () -> work.inTransaction(em -> em.createQuery("UPDATE Contact c SET c.name = 'mine'")
                .executeUpdate()));
        assertEquals(0, changedByB, "a bulk update");
        int deletedByB = db.as(B, () -> work.inTransaction(em -> em.createQuery("DELETE FROM Contact c").executeUpdate()));
        assertEquals(0, deletedByB, "a bulk delete");
        assertEquals("Ana", db.as(A, () -> work.inTransaction(em -> em.find(ContactRecord.class, id).toApi().name())));
        assertThrows(IllegalStateException.class, () -> work.inTransaction(em -> em.find(ContactRecord.class, id)),
                "no agency, no persistence context");
    }

    @Test
    void aNewContactIsVersionZeroEachChangeAddsOneAndAStaleWriteIs412() {
        String id = db.as(A, () -> work.inTransaction(em -> {
            ContactRecord c = contact("Vera", null, false, Instant.now());
            em.persist(c);
            em.flush();
            assertEquals(0, c.version(), "version seen after the insert");
            return c.id();
        }));
        assertEquals(0, versionOfRow(id));
        long after = db.as(A, () -> work.inTransaction(em -> {
            ContactRecord c = em.find(ContactRecord.class, id);
            c.change(fields("Vera Lúcia", "vera@shop.test", false), Instant.now());
            em.flush();
            return c.version();
        }));
        assertEquals(1, after);
        assertEquals(1, versionOfRow(id));
        ProblemException stale = assertThrows(ProblemException.class, () -> db.as(A, () -> work.inTransaction(em -> {
            ContactRecord c = em.find(ContactRecord.class, id);
            db.bumpVersion("contact", id); // another request changed the row after this one read it
            c.delete(Instant.now());
            em.flush();
            return null;
        })));
        assertEquals(412, stale.status());
        assertEquals(2, versionOfRow(id), "the other request's change stands, this one's is gone");
        assertEquals("false", column(id, "deleted").toLowerCase());
        ProblemException ifMatch = assertThrows(ProblemException.class, () -> db.as(A, () -> work.inTransaction(em -> {
            em.find(ContactRecord.class, id).requireVersion(1L, "contact");
            return null;
        })));
        assertEquals(412, ifMatch.status());
        assertEquals("The contact changed since it was read; read it again and retry.", ifMatch.getMessage());
    }

    @Test
    void aFailureBetweenAJpaWriteAndAJdbcWriteLeavesNeither() {
        String id = Jdbc.newId();
        assertThrows(IllegalStateException.class, () -> db.as(A, () -> db.database().inTransaction(c -> {
            work.inTransaction(em -> {
                em.persist(new ContactRecord(id, CUSTOMER, fields("Fall", "fall@shop.test", false), Instant.now()));
                return null;
            }); // the EntityManager has committed (flushed) here
            insertTokenRow(c, id);
            throw new IllegalStateException("fails after both writes");
        })));
        assertEquals(0, db.count("SELECT COUNT(*) FROM contact WHERE id = ?", id), "the JPA row rolled back");
        assertEquals(0, db.count("SELECT COUNT(*) FROM contact_portal_token WHERE contact_id = ?", id), "the JDBC row rolled back");
        assertNull(db.as(A, () -> work.inTransaction(em -> em.find(ContactRecord.class, id))), "and no cache kept it");
    }

    @Test
    void bothWritesCommitTogetherAndJdbcSeesTheJpaRowInsideTheTransaction() {
        String id = Jdbc.newId();
        long seenInside = db.as(A, () -> db.database().inTransaction(c -> {
            work.inTransaction(em -> {
                em.persist(new ContactRecord(id, CUSTOMER, fields("Both", "both@shop.test", false), Instant.now()));
                return null;
            });
            insertTokenRow(c, id);
            return Jdbc.count(c, "SELECT COUNT(*) FROM contact WHERE id = ?", id);
        }));
        assertEquals(1, seenInside);
        assertEquals(1, db.count("SELECT COUNT(*) FROM contact WHERE id = ?", id));
        assertEquals(1, db.count("SELECT COUNT(*) FROM contact_portal_token WHERE contact_id = ?", id));
    }

    @Test
    void theCustomersListIsPrimaryFirstThenByNameWithoutDeletedContacts() {
        Instant now = Instant.now();
        List<String> ids = db.as(A, () -> work.inTransaction(em -> {
            ContactRecord zoe = contact("Zoe", null, false, now);
            ContactRecord bea = contact("Bea", null, false, now);
            ContactRecord max = contact("Max", null, true, now);
            ContactRecord gone = contact("Abe", null, false, now);
            ContactRecord elsewhere = new ContactRecord(Jdbc.newId(), "customer-2", fields("Aaron", null, true), now);
            List.of(zoe, bea, max, gone, elsewhere).forEach(em::persist);
            gone.delete(now);
            return List.of(max.id(), bea.id(), zoe.id());
        }));
        assertEquals(ids, db.as(A, () -> work.inTransaction(em ->
                ContactQueries.ofCustomer(em, CUSTOMER).stream().map(ContactRecord::id).toList())));
        assertEquals(List.of(ids.get(0)), db.as(A, () -> work.inTransaction(em ->
                ContactQueries.primaries(em, CUSTOMER).stream().map(ContactRecord::id).toList())));
    }

    @Test
    void thePortalLoginIsTheActiveNotDeletedContactWithAPasswordAndItsEmailIsTakenWhileInvitedOrActive() {
        Instant now = Instant.now();
        String[] ids = db.as(A, () -> work.inTransaction(em -> {
            ContactRecord invited = contact("Ivo", "Ivo@Shop.test", false, now);
            ContactRecord disabled = contact("Dora", "dora@shop.test", false, now);
            ContactRecord active = contact("Ada", "ada@shop.test", false, now);
            ContactRecord deleted = contact("Del", "del@shop.test", false, now);
            List.of(invited, disabled, active, deleted).forEach(em::persist);
            invited.portalAccess(PortalStatus.INVITED, null, now);
            disabled.portalAccess(PortalStatus.DISABLED, "old-hash", now);
            active.portalAccess(PortalStatus.ACTIVE, "hash", now);
            deleted.portalAccess(PortalStatus.ACTIVE, "hash", now);
            deleted.delete(now);
            return new String[] {invited.id(), disabled.id(), active.id(), deleted.id()};
        }));
        assertEquals(ids[2], db.as(A, () -> work.inTransaction(em ->
                ContactQueries.activePortalAccount(em, "ada@shop.test").map(ContactRecord::id).orElse(null))));
        assertTrue(db.as(A, () -> work.inTransaction(em -> ContactQueries.activePortalAccount(em, "ivo@shop.test"))).isEmpty(),
                "invited: no password yet");
        assertTrue(db.as(A, () -> work.inTransaction(em -> ContactQueries.activePortalAccount(em, "dora@shop.test"))).isEmpty(),
                "disabled");
        assertTrue(db.as(A, () -> work.inTransaction(em -> ContactQueries.activePortalAccount(em, "del@shop.test"))).isEmpty(),
                "deleted");
        assertEquals(1L, (long) db.as(A, () -> work.inTransaction(em -> ContactQueries.portalLogins(em, "ivo@shop.test", "other"))),
                "an invitation holds the e-mail, whatever its case");
        assertEquals(0L, (long) db.as(A, () -> work.inTransaction(em -> ContactQueries.portalLogins(em, "ivo@shop.test", ids[0]))),
                "but not against the contact itself");
        assertEquals(1L, (long) db.as(A, () -> work.inTransaction(em -> ContactQueries.portalLogins(em, "ada@shop.test", "other"))));
        assertEquals(0L, (long) db.as(A, () -> work.inTransaction(em -> ContactQueries.portalLogins(em, "dora@shop.test", "other"))),
                "a disabled login frees the e-mail");
        assertEquals(0L, (long) db.as(A, () -> work.inTransaction(em -> ContactQueries.portalLogins(em, "del@shop.test", "other"))),
                "so does a deleted contact");
        assertFalse(ids[0].isEmpty());
    }

    private static Contact fields(String name, String email, boolean primary) {
        return ContactFields.normalize(new Contact(null, CUSTOMER, name, email, "+55 11 5555-0000", "Owner", primary, "notes", true,
                null, null, null, null), CUSTOMER);
    }

    private static ContactRecord contact(String name, String email, boolean primary, Instant createdAt) {
        return new ContactRecord(Jdbc.newId(), CUSTOMER, fields(name, email, primary), createdAt);
    }

    /** A JDBC write of the same call (like the portal link an invitation issues), into the bundle's other table. */
    private static int insertTokenRow(Connection c, String contactId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact_portal_token (id, agency_id, contact_id, purpose,"
                + " token_hash, created_at, expires_at) VALUES (?, ?, ?, 'ACTIVATE', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            ps.setString(1, Jdbc.newId());
            ps.setString(2, A);
            ps.setString(3, contactId);
            ps.setString(4, Jdbc.newId());
            return ps.executeUpdate();
        }
    }

    private long versionOfRow(String id) {
        return db.version("contact", id);
    }

    private String column(String id, String column) {
        return db.column("SELECT " + column + " FROM contact WHERE id = ?", id);
    }
}
