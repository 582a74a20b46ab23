package io.clientele.customer.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The caller's agency's lookup lists. */
@ProviderType
public interface LookupService {

    List<Lookup> list(LookupKind kind, boolean includeInactive);

    Optional<Lookup> find(LookupKind kind, String id);

    /** Finds an active entry by name, ignoring case (imports give lookups by name). */
    Optional<Lookup> findActiveByName(LookupKind kind, String name);

    /** The given ids that are not active entries of {@code kind}: a new value must name an active entry. */
    List<String> unusableIds(LookupKind kind, Collection<String> ids);
}
