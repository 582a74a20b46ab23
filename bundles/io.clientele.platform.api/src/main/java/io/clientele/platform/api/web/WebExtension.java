package io.clientele.platform.api.web;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One screen (or one piece of a screen) that a bundle contributes to a web app, published as an OSGi service
 * (a whiteboard, in the manner of the Felix Web Console's plugins): while the service is registered, the app's shell
 * finds it in {@code GET /api/v1/ui/extensions?app=…} — if the caller's agency subscribes to {@link #moduleId()}, the
 * caller has one of {@link #roles()} (staff app) and every {@link WebExtensionGate} allows it — and loads
 * {@link #script()} as an ES module. When the bundle goes, its screens and their assets go with it.
 *
 * <p>The assets are the contributing bundle's own: it registers an OSGi HTTP Whiteboard resource (service
 * properties {@code osgi.http.whiteboard.resource.pattern=<assetsPath>/*} and
 * {@code osgi.http.whiteboard.resource.prefix=<folder in the bundle>}) so that {@code <assetsPath>/<script>} and
 * {@code <assetsPath>/i18n/<locale>.json} are served from the bundle, and its removal takes them away.
 *
 * <p>The module the shell loads exports {@code render(host, context)}, which fills {@code host} (a DOM element) and
 * may return a function called when the screen is left; see the README's "Portal web app".
 */
@ConsumerType
public interface WebExtension {

    /** The customer portal at {@code /portal/{agencySlug}/}: callers are a customer's contacts. */
    String APP_PORTAL = "portal";
    /** The agency app at {@code /app/}: callers are staff users. */
    String APP_AGENCY = "app";

    /** A navigation entry with a page of its own at {@link #route()} (and the routes below it). */
    String SLOT_NAV = "nav";
    /** A card on the app's home page ({@link #route()} is where its "see all" link leads, may be null). */
    String SLOT_HOME = "home";

    /** Unique among all extensions, conventionally {@code <module>.<screen>}, e.g. {@code ijob.pieces}. */
    String id();

    /** {@link #APP_PORTAL} or {@link #APP_AGENCY}. */
    String app();

    /** Where the shell shows it: {@link #SLOT_NAV}, {@link #SLOT_HOME}, or a slot a later shell defines. */
    String slot();

    /** The path below the app's root that this screen answers (e.g. {@code pieces}, which also takes {@code pieces/…}). */
    String route();

    /** The key of the label in the extension's message files (e.g. {@code ijob.nav.pieces}). */
    String labelKey();

    /** The position among the slot's extensions, lowest first. */
    default int order() {
        return 100;
    }

    /** The module the agency must subscribe to for the screen to show; empty for the core. */
    String moduleId();

    /**
     * The portal tab that must be switched on for the agency (a portal tab as the portal API names it, e.g. {@code "Jobs"}), or null.
     * The core does not know the tabs: a {@link WebExtensionGate} registered by the portal module decides.
     */
    default String portalTab() {
        return null;
    }

    /** For the agency app: staff roles of which the caller needs one (names of {@code Role}); empty: any user. */
    default Set<String> roles() {
        return Set.of();
    }

    /** The URL path under which the bundle serves this screen's assets through the HTTP Whiteboard, e.g. {@code /web/ext/ijob}. */
    String assetsPath();

    /** The ES module under {@link #assetsPath()}, e.g. {@code pieces.js}. */
    String script();
}
