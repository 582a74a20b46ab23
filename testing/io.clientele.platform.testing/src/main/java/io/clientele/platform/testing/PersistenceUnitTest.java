package io.clientele.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.platform.jpa.EntityWork;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The base of a module's persistence test: each test gets its unit on a fresh migrated Derby ({@link #db}, with its
 * {@link #work}), and every such test checks the same two things about the unit without writing them again — every
 * mapping matches the schema Liquibase migrated, on Derby and on PostgreSQL (skipped when none answers), and the unit
 * works there ({@link #worksOnPostgresql}: round trips through PostgreSQL's own types, the module's queries).
 *
 * <pre>{@code
 * class BudgetPersistenceTest extends PersistenceUnitTest {
 *     BudgetPersistenceTest() {
 *         super("budget", BudgetStore.class, "db/clientele-budget.xml");
 *     }
 *
 *     @Override
 *     protected void worksOnPostgresql(JpaUnitFixture pg) {
 *         String id = pg.as("agency-a", () -> pg.work().inTransaction(em -> ...persist a budget...));
 *         ...read it back, compare every field...
 *     }
 * }
 * }</pre>
 */
public abstract class PersistenceUnitTest {

    private final String unitName;
    private final Class<?> owner;
    private final String[] changelogs;

    /** The unit on Derby, fresh for each test. */
    protected JpaUnitFixture db;
    /** Transactional work on {@link #db}. */
    protected EntityWork work;

    /**
     * @param unitName the persistence unit's name in the module's {@code META-INF/persistence.xml}
     * @param owner a class of the module (its class loader finds the unit and the changelogs)
     * @param changelogs the module's changelogs, migrated after the platform's
     */
    protected PersistenceUnitTest(String unitName, Class<?> owner, String... changelogs) {
        this.unitName = unitName;
        this.owner = owner;
        this.changelogs = changelogs.clone();
    }

    @BeforeEach
    final void openUnitOnDerby() {
        db = JpaUnitFixture.derby(unitName, owner, changelogs);
        work = db.work();
        wire(db);
    }

    @AfterEach
    final void closeUnit() {
        db.close();
    }

    /**
     * Builds the test's stores on a unit: on {@link #db} before each test, and on PostgreSQL before
     * {@link #worksOnPostgresql}. Nothing by default.
     */
    protected void wire(JpaUnitFixture on) {
    }

    /**
     * What the test checks on PostgreSQL once the unit's mappings match its schema there: the module's rows written
     * and read back through PostgreSQL's types, its queries run there. The stores were {@link #wire wired} to
     * {@code pg} just before.
     */
    protected abstract void worksOnPostgresql(JpaUnitFixture pg);

    @Test
    public void everyMappingMatchesTheMigratedSchemaOnDerby() {
        assertEquals(List.of(), db.mappingProblems());
    }

    @Test
    public void everyMappingMatchesTheMigratedSchemaAndTheUnitWorksOnPostgresql() {
        try (JpaUnitFixture pg = JpaUnitFixture.postgres(unitName, owner, changelogs)) {
            assertEquals(List.of(), pg.mappingProblems());
            wire(pg);
            try {
                worksOnPostgresql(pg);
            } finally {
                wire(db);
            }
        }
    }
}
