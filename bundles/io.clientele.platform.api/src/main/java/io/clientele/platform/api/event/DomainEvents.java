package io.clientele.platform.api.event;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Domain events over OSGi Event Admin. Topics read {@code clientele/<module>/<entity>/<ACTION>}. Events are
 * posted after the caller's transaction commits (never for a change that rolled back) and always carry
 * {@code agencyId}, {@code actorId} and {@code at}.
 */
@ProviderType
public interface DomainEvents {

    String AGENCY_ID = "agencyId";
    String ACTOR_ID = "actorId";
    String AT = "at";

    void publish(String topic, Map<String, ?> properties);
}
