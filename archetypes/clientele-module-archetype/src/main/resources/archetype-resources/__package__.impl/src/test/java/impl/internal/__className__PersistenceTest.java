package ${package}.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.platform.testing.PersistenceUnitTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The module's persistence unit outside OSGi, on an in-memory Derby migrated by the platform's and the module's real
 * changelogs. {@link PersistenceUnitTest} checks every mapping against the migrated schema on Derby and on PostgreSQL
 * (skipped unless one answers on 127.0.0.1:5432, database test, user postgres); this class adds tenancy and a round trip.
 */
class ${className}PersistenceTest extends PersistenceUnitTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";

    ${className}PersistenceTest() {
        super("${moduleId}", ${className}Store.class, ${className}Module.CHANGELOG);
    }

    /** An item round trip through PostgreSQL's types. */
    @Override
    protected void worksOnPostgresql(JpaUnitFixture pg) {
        Instant at = Instant.parse("2026-12-01T10:00:00.123456Z");
        String id = pg.as(A, () -> pg.work().inTransaction(em -> {
            ${className}ItemRecord item = new ${className}ItemRecord(Jdbc.newId(), "On PostgreSQL", at);
            em.persist(item);
            return item.id();
        }));
        ${className}ItemRecord read = pg.as(A, () -> pg.work().inTransaction(em -> em.find(${className}ItemRecord.class, id)));
        assertEquals("On PostgreSQL", read.title());
        assertEquals(at, read.createdAt());
    }

    @Test
    void anAgencyNeverReadsAnotherAgencysItems() {
        String id = db.as(A, () -> work.inTransaction(em -> {
            ${className}ItemRecord item = new ${className}ItemRecord(Jdbc.newId(), "first", EntityWork.now());
            em.persist(item);
            return item.id();
        }));
        assertEquals(A, db.column("SELECT agency_id FROM ${moduleId}_item WHERE id = ?", id),
                "the agency column is written from the request's agency");
        assertEquals(0, db.version("${moduleId}_item", id), "a new row is version 0");
        assertNull(db.as(B, () -> work.inTransaction(em -> em.find(${className}ItemRecord.class, id))), "another agency's find");
        long seenByB = db.as(B, () -> work.inTransaction(em -> em.createQuery(
                "SELECT COUNT(e) FROM ${className}Item e", Long.class).getSingleResult()));
        assertEquals(0, seenByB, "another agency's query without a condition");
        assertEquals("first", db.as(A, () -> work.inTransaction(em -> em.find(${className}ItemRecord.class, id).title())));
        assertThrows(IllegalStateException.class, () -> work.inTransaction(em -> em.find(${className}ItemRecord.class, id)),
                "no agency, no persistence context");
    }
}
