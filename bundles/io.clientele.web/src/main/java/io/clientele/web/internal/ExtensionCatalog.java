package io.clientele.web.internal;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebExtensionGate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;

/** Which of the registered web extensions a caller sees in an app, in the order the shell shows them. */
final class ExtensionCatalog {

    /** What the shell needs of one extension. {@code script} and {@code messages} are absolute URL paths. */
    record Item(String id, String slot, String route, String labelKey, int order, String moduleId, String portalTab,
                String script, String messages) {
    }

    private ExtensionCatalog() {
    }

    /**
     * The extensions of {@code app} that {@code caller} may see: the agency subscribes to the extension's module
     * ({@code subscribed.test(agencyId, moduleId)}), the caller has one of its roles (when it names any), and every gate
     * allows it. Sorted by slot, order, id. An extension that throws is left out rather than breaking the list.
     */
    static List<Item> visible(String app, Principal caller, Collection<WebExtension> extensions, Collection<WebExtensionGate> gates,
                              BiPredicate<String, String> subscribed) {
        return extensions.stream()
                .filter(e -> app.equals(safe(e::app)))
                .filter(e -> {
                    String module = safe(e::moduleId);
                    return module == null || module.isEmpty() || subscribed.test(caller.agencyId(), module);
                })
                .filter(e -> rolesAllow(caller, e))
                .filter(e -> gates.stream().allMatch(g -> g.allows(caller, e)))
                .map(ExtensionCatalog::item)
                .filter(i -> i != null)
                .sorted(Comparator.comparing(Item::slot).thenComparingInt(Item::order).thenComparing(Item::id))
                .toList();
    }

    private static boolean rolesAllow(Principal caller, WebExtension e) {
        var roles = e.roles();
        return roles == null || roles.isEmpty() || caller.roles().stream().map(Role::name).anyMatch(roles::contains);
    }

    private static Item item(WebExtension e) {
        try {
            String assets = trimSlash(e.assetsPath());
            return new Item(e.id(), e.slot(), e.route(), e.labelKey(), e.order(), e.moduleId() == null ? "" : e.moduleId(), e.portalTab(),
                    assets + "/" + e.script(), assets + "/i18n/");
        } catch (RuntimeException broken) {
            return null;
        }
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String safe(java.util.function.Supplier<String> value) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
