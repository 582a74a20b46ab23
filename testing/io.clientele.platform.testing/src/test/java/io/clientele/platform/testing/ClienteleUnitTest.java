package io.clientele.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The platform's guards on every persistence unit: tenancy by construction, and mappings held to the schema. */
class ClienteleUnitTest {

    @Test
    void aUnitWithAnEntityWithoutTheAgencyMappingNeverComesUp() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> JpaUnitFixture.derby("untenanted", ClienteleUnitTest.class).close());
        String message = causes(refused);
        assertTrue(message.contains("entities without the agency mapping") && message.contains(UntenantedUser.class.getName()),
                message);
    }

    @Test
    void mappingCheckReportsEveryDriftFromTheMigratedSchema() {
        try (JpaUnitFixture db = JpaUnitFixture.derby("drifted", ClienteleUnitTest.class)) {
            List<String> problems = db.mappingProblems();
            assertEquals(4, problems.size(), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.contains("platform_user.nickname does not exist")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.contains("DriftedUser.name (name): declares length 100, the column has 200")),
                    problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.contains("DriftedUser.active (active): a Instant attribute")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.contains("DriftedUser.email (email): the column is NOT NULL")), problems.toString());
        }
    }

    private static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
