package io.clientele.platform.api.web;

import java.util.Objects;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link WebExtension} whose answers are fixed when it is made, as most screens' are: a bundle's screen extends it,
 * names its values in its constructor and keeps its own DS registration (the {@code @Component} and, for the screen
 * that serves the bundle's assets, the HTTP Whiteboard resource properties):
 *
 * <pre>{@code
 * @Component(service = WebExtension.class)
 * public class PortalJobsScreen extends WebScreen {
 *     public PortalJobsScreen() {
 *         super(WebScreen.of(APP_PORTAL, SLOT_NAV, "ijob.jobs").route("jobs").labelKey("ijob.nav.jobs").order(55)
 *                 .moduleId("ijob").portalTab("Jobs").script("/web/ext/ijob", "jobs.js"));
 *     }
 * }
 * }</pre>
 *
 * What is not named takes {@link WebExtension}'s defaults: order 100, no portal tab, no roles, the core's module
 * ({@code ""}), no route.
 *
 * @since 1.1
 */
@ConsumerType
public abstract class WebScreen implements WebExtension {

    private final String id;
    private final String app;
    private final String slot;
    private final String route;
    private final String labelKey;
    private final int order;
    private final String moduleId;
    private final String portalTab;
    private final Set<String> roles;
    private final String assetsPath;
    private final String script;

    /** @throws NullPointerException when {@code values} lacks the label key or the script */
    protected WebScreen(Values values) {
        this.id = values.id;
        this.app = values.app;
        this.slot = values.slot;
        this.route = values.route;
        this.labelKey = Objects.requireNonNull(values.labelKey, "labelKey");
        this.order = values.order;
        this.moduleId = values.moduleId;
        this.portalTab = values.portalTab;
        this.roles = values.roles;
        this.assetsPath = Objects.requireNonNull(values.assetsPath, "script's assetsPath");
        this.script = Objects.requireNonNull(values.script, "script");
    }

    /**
     * The values of the screen {@code id} in {@code app} ({@link #APP_PORTAL}, {@link #APP_AGENCY}) at {@code slot}
     * ({@link #SLOT_NAV}, {@link #SLOT_HOME}); name at least its label key and its script.
     */
    public static Values of(String app, String slot, String id) {
        return new Values(Objects.requireNonNull(app, "app"), Objects.requireNonNull(slot, "slot"), Objects.requireNonNull(id, "id"));
    }

    /** What a {@link WebScreen} answers, named one by one. */
    public static final class Values {

        private final String id;
        private final String app;
        private final String slot;
        private String route;
        private String labelKey;
        private int order = 100;
        private String moduleId = "";
        private String portalTab;
        private Set<String> roles = Set.of();
        private String assetsPath;
        private String script;

        private Values(String app, String slot, String id) {
            this.app = app;
            this.slot = slot;
            this.id = id;
        }

        /** See {@link WebExtension#route()}. */
        public Values route(String route) {
            this.route = route;
            return this;
        }

        /** See {@link WebExtension#labelKey()}. */
        public Values labelKey(String labelKey) {
            this.labelKey = labelKey;
            return this;
        }

        /** See {@link WebExtension#order()}. */
        public Values order(int order) {
            this.order = order;
            return this;
        }

        /** See {@link WebExtension#moduleId()}. */
        public Values moduleId(String moduleId) {
            this.moduleId = Objects.requireNonNull(moduleId, "moduleId");
            return this;
        }

        /** See {@link WebExtension#portalTab()}. */
        public Values portalTab(String portalTab) {
            this.portalTab = portalTab;
            return this;
        }

        /** See {@link WebExtension#roles()}. */
        public Values roles(Set<String> roles) {
            this.roles = Set.copyOf(roles);
            return this;
        }

        /** The ES module {@code script} under {@code assetsPath}: see {@link WebExtension#assetsPath()} and {@link WebExtension#script()}. */
        public Values script(String assetsPath, String script) {
            this.assetsPath = assetsPath;
            this.script = script;
            return this;
        }
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String app() {
        return app;
    }

    @Override
    public final String slot() {
        return slot;
    }

    @Override
    public final String route() {
        return route;
    }

    @Override
    public final String labelKey() {
        return labelKey;
    }

    @Override
    public final int order() {
        return order;
    }

    @Override
    public final String moduleId() {
        return moduleId;
    }

    @Override
    public final String portalTab() {
        return portalTab;
    }

    @Override
    public final Set<String> roles() {
        return roles;
    }

    @Override
    public final String assetsPath() {
        return assetsPath;
    }

    @Override
    public final String script() {
        return script;
    }
}
