package io.clientele.integration.impl.internal;

import io.clientele.platform.testing.JpaUnitFixture;

/** {@link OAuthFlowTest} on PostgreSQL (127.0.0.1:5432; skipped when none answers): the claim, the rotation's COALESCE, the state's use. */
class OAuthFlowPostgresTest extends OAuthFlowTest {

    @Override
    JpaUnitFixture fixture() {
        return JpaUnitFixture.postgres("integration", IntegrationStore.class, "db/clientele-integration.xml");
    }
}
