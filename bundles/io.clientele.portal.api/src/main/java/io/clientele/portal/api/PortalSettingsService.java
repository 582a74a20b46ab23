package io.clientele.portal.api;

import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** The current agency's portal settings, for the module's own endpoints and other modules' contact-side ones. */
@ProviderType
public interface PortalSettingsService {

    /** The settings of the caller's agency (the defaults while never saved). */
    PortalSettings settings();

    /**
     * The tabs a contact of the caller's agency may open now: those switched on, less {@link PortalTab#JOBS} while the
     * agency lacks the module {@code ijob}.
     */
    Set<PortalTab> openTabs();
}
