package io.clientele.portal.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.portal.api.PortalSettings;
import io.clientele.portal.api.PortalTab;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portal module's persistence unit outside OSGi, on Derby (and PostgreSQL when one answers) migrated by the real
 * changelogs: mappings against the schema, tenancy, versions.
 */
class PortalPersistenceTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";

    private JpaUnitFixture db;
    private EntityWork work;

    @BeforeEach
    void unit() {
        db = JpaUnitFixture.derby("portal", PortalModule.class, "db/clientele-portal.xml");
        work = db.work();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void everyMappingMatchesTheMigratedSchemaOnDerby() {
        assertEquals(List.of(), db.mappingProblems());
    }

    @Test
    void everyMappingMatchesTheMigratedSchemaOnPostgresql() {
        try (JpaUnitFixture pg = JpaUnitFixture.postgres("portal", PortalModule.class, "db/clientele-portal.xml")) {
            assertEquals(List.of(), pg.mappingProblems());
            String id = pg.as(A, () -> pg.work().inTransaction(em -> {
                ServiceRequestRecord r = new ServiceRequestRecord(Jdbc.newId(), "c1", "k1", "Leak", "The tap drips", Instant.parse("2026-12-01T10:00:00.123Z"));
                em.persist(r);
                return r.id();
            }));
            assertEquals(Instant.parse("2026-12-01T10:00:00.123Z"),
                    pg.as(A, () -> pg.work().inTransaction(em -> em.find(ServiceRequestRecord.class, id).createdAt())));
        }
    }

    @Test
    void anAgencyNeverReadsAnotherAgencysSettingsNotesOrRequests() {
        String requestId = db.as(A, () -> work.inTransaction(em -> {
            SettingsRecord s = new SettingsRecord(Jdbc.newId());
            s.change("Home,History", false, "<p>Hi {{contactName}}</p>", null, null, Instant.now());
            em.persist(s);
            em.persist(new ServiceNoteRecord(Jdbc.newId(), "c1", "Visit on Monday", "u1", Instant.now()));
            ServiceRequestRecord r = new ServiceRequestRecord(Jdbc.newId(), "c1", "k1", "Leak", "The tap drips", Instant.now());
            em.persist(r);
            return r.id();
        }));
        assertEquals(A, db.column("SELECT agency_id FROM portal_service_request WHERE id = ?", requestId));
        assertNull(db.as(B, () -> work.inTransaction(em -> em.find(ServiceRequestRecord.class, requestId))));
        assertEquals(0L, (long) db.as(B, () -> work.inTransaction(em ->
                em.createQuery("SELECT COUNT(s) FROM PortalSettings s", Long.class).getSingleResult())));
        assertEquals(0L, (long) db.as(B, () -> work.inTransaction(em ->
                em.createQuery("SELECT COUNT(n) FROM PortalServiceNote n", Long.class).getSingleResult())));
        SettingsRecord read = db.as(A, () -> work.inTransaction(em ->
                em.createQuery("SELECT s FROM PortalSettings s", SettingsRecord.class).getSingleResult()));
        PortalSettings view = PortalSettingsStore.view(read);
        assertEquals(List.of("Home", "History"), view.enabledTabs());
        assertEquals(false, view.portalLoginsEnabled());
        assertEquals(1, view.version(), "the API's version of a row saved once (0 is the never-saved defaults)");
    }

    @Test
    void aStaleAnswerToAServiceRequestIs412() {
        String id = db.as(A, () -> work.inTransaction(em -> {
            ServiceRequestRecord r = new ServiceRequestRecord(Jdbc.newId(), "c1", "k1", "Leak", "The tap drips", Instant.now());
            em.persist(r);
            return r.id();
        }));
        assertEquals(0, db.version("portal_service_request", id));
        ProblemException stale = assertThrows(ProblemException.class, () -> db.as(A, () -> work.inTransaction(em -> {
            ServiceRequestRecord r = em.find(ServiceRequestRecord.class, id);
            db.bumpVersion("portal_service_request", id); // another answer landed after this one read the row
            r.answer("On our way", "u1", Instant.now());
            em.flush();
            return null;
        })));
        assertEquals(412, stale.status());
    }

    @Test
    void storedTabsReadBackInTabOrderAndUnknownLabelsAreIgnored() {
        assertEquals(EnumSet.of(PortalTab.HOME, PortalTab.SERVICE_NOTES), PortalSettingsStore.tabs("ServiceNotes, Home,Gone"));
        assertEquals(EnumSet.noneOf(PortalTab.class), PortalSettingsStore.tabs(""));
    }

    @Test
    void financeChangesAreNamedFieldByField() {
        PortalSettings before = PortalSettingsStore.defaults(false);
        assertEquals(8, before.enabledTabs().size(), "every tab but Jobs without ijob");
        assertEquals(9, PortalSettingsStore.defaults(true).enabledTabs().size());
        PortalSettings after = new PortalSettings(List.of("Home", "Invoices", "History", "ServiceNotes", "RequestService", "Estimates",
                "Documents"), true, null, "<p>charged</p>", null, 0);
        assertEquals(List.of("enabledTabs:Payments", "autoChargeEmailHtml"), PortalSettingsStore.changedFields(before, after));
    }
}
