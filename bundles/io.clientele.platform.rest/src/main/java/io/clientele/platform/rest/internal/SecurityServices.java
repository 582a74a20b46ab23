package io.clientele.platform.rest.internal;

import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.tenancy.AgencyDirectory;

/** The platform services the request filter needs; either may be absent while the platform starts. */
interface SecurityServices {
    SessionService sessions();

    AgencyDirectory agencies();
}
