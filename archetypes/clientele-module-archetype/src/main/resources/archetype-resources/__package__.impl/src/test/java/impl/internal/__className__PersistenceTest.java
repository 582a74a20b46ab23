package ${package}.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.testing.JpaUnitFixture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The module's persistence unit outside OSGi, on an in-memory Derby migrated by the platform's and the module's real
 * changelogs: its mappings against the schema, and tenancy.
 */
class ${className}PersistenceTest {

    private JpaUnitFixture db;
    private EntityWork work;

    @BeforeEach
    void unit() {
        db = JpaUnitFixture.derby("${moduleId}", ${className}Store.class, ${className}Module.CHANGELOG);
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
        // skipped unless a PostgreSQL answers on 127.0.0.1:5432 (database test, user postgres)
        try (JpaUnitFixture pg = JpaUnitFixture.postgres("${moduleId}", ${className}Store.class, ${className}Module.CHANGELOG)) {
            assertEquals(List.of(), pg.mappingProblems());
        }
    }

    @Test
    void anAgencyNeverReadsAnotherAgencysItems() {
        String id = db.as("agency-a", () -> work.inTransaction(em -> {
            ${className}ItemRecord item = new ${className}ItemRecord(Jdbc.newId(), "first", EntityWork.now());
            em.persist(item);
            return item.id();
        }));
        assertEquals("agency-a", db.column("SELECT agency_id FROM ${moduleId}_item WHERE id = ?", id),
                "the agency column is written from the request's agency");
        assertEquals(0, db.version("${moduleId}_item", id), "a new row is version 0");
        assertNull(db.as("agency-b", () -> work.inTransaction(em -> em.find(${className}ItemRecord.class, id))), "another agency's find");
        long seenByB = db.as("agency-b", () -> work.inTransaction(em -> em.createQuery(
                "SELECT COUNT(e) FROM ${className}Item e", Long.class).getSingleResult()));
        assertEquals(0, seenByB, "another agency's query without a condition");
        assertEquals("first", db.as("agency-a", () -> work.inTransaction(em -> em.find(${className}ItemRecord.class, id).title())));
        assertThrows(IllegalStateException.class, () -> work.inTransaction(em -> em.find(${className}ItemRecord.class, id)),
                "no agency, no persistence context");
    }
}
