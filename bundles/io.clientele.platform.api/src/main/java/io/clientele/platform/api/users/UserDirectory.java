package io.clientele.platform.api.users;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Staff users of the caller's agency, for modules that reference users by id. */
@ProviderType
public interface UserDirectory {

    Optional<User> find(String userId);

    /** Every user of the caller's agency, ordered by e-mail. */
    List<User> all();

    /** The given ids that name no user of the caller's agency. */
    List<String> unknownIds(Collection<String> userIds);
}
