package io.clientele.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebExtensionGate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExtensionCatalogTest {

    private static final Principal CONTACT = new Principal(PrincipalKind.CONTACT, "c1", "Carla", "a1", "acme", Set.of(), "s1");
    private static final Principal FINANCE = new Principal(PrincipalKind.STAFF, "u1", "Fin", "a1", "acme", Set.of(Role.FINANCE), "s2");

    record Ext(String id, String app, String slot, String route, int order, String moduleId, Set<String> roles, String portalTab)
            implements WebExtension {
        @Override public String labelKey() { return id + ".label"; }
        @Override public String assetsPath() { return "/web/ext/" + moduleId + "/"; }
        @Override public String script() { return "screen.js"; }
    }

    @Test
    void listsOnlyTheAppsExtensionsOfSubscribedModulesSortedBySlotAndOrder() {
        var pieces = new Ext("ijob.pieces", "portal", "nav", "pieces", 20, "ijob", Set.of(), null);
        var card = new Ext("ijob.home", "portal", "home", "pieces", 10, "ijob", Set.of(), null);
        var invoices = new Ext("portal.invoices", "portal", "nav", "invoices", 10, "portal", Set.of(), "Invoices");
        var budgets = new Ext("budget.tab", "portal", "nav", "budgets", 5, "budget", Set.of(), null);
        var staff = new Ext("ijob.board", "app", "nav", "jobs", 1, "ijob", Set.of(), null);
        var items = ExtensionCatalog.visible("portal", CONTACT, List.of(pieces, card, invoices, budgets, staff), List.of(),
                (agency, module) -> !module.equals("budget"));
        assertEquals(List.of("ijob.home", "portal.invoices", "ijob.pieces"), items.stream().map(ExtensionCatalog.Item::id).toList());
        assertEquals("/web/ext/ijob/screen.js", items.get(0).script());
        assertEquals("/web/ext/ijob/i18n/", items.get(0).messages());
    }

    @Test
    void everyGateMustAllowAndRolesAreChecked() {
        var invoices = new Ext("portal.invoices", "portal", "nav", "invoices", 10, "portal", Set.of(), "Invoices");
        var jobs = new Ext("ijob.pieces", "portal", "nav", "pieces", 20, "ijob", Set.of(), "Jobs");
        WebExtensionGate tabs = (caller, e) -> !"Invoices".equals(e.portalTab());
        var items = ExtensionCatalog.visible("portal", CONTACT, List.of(invoices, jobs), List.of(tabs, (c, e) -> true), (a, m) -> true);
        assertEquals(List.of("ijob.pieces"), items.stream().map(ExtensionCatalog.Item::id).toList());

        var adminOnly = new Ext("settings", "app", "nav", "settings", 1, "", Set.of("ADMIN"), null);
        var financeToo = new Ext("invoices", "app", "nav", "invoices", 2, "", Set.of("ADMIN", "FINANCE"), null);
        var anyone = new Ext("home", "app", "home", null, 2, "", Set.of(), null);
        var staffItems = ExtensionCatalog.visible("app", FINANCE, List.of(adminOnly, financeToo, anyone), List.of(), (a, m) -> false);
        assertEquals(List.of("home", "invoices"), staffItems.stream().map(ExtensionCatalog.Item::id).toList());
    }

    @Test
    void aBrokenExtensionIsLeftOut() {
        WebExtension throwing = new WebExtension() {
            @Override public String id() { return "t"; }
            @Override public String app() { return "portal"; }
            @Override public String slot() { return "nav"; }
            @Override public String route() { return "t"; }
            @Override public String labelKey() { return "t"; }
            @Override public String moduleId() { return ""; }
            @Override public String assetsPath() { throw new IllegalStateException("bundle stopping"); }
            @Override public String script() { return "t.js"; }
        };
        var items = ExtensionCatalog.visible("portal", CONTACT, List.of(throwing), List.of(), (a, m) -> true);
        assertTrue(items.isEmpty());
    }

    @Test
    void theShellPageEscapesTheAgencyNameAndHasNoInlineScript() {
        String html = PortalShellServlet.page("pt-BR", "acme", "Acme <\"&'> Ltda", "/web/portal/app.js");
        assertTrue(html.contains("data-agency-name=\"Acme &lt;&quot;&amp;&#39;&gt; Ltda\""), html);
        assertTrue(html.contains("<html lang=\"pt-BR\">"));
        assertEquals(1, html.split("<script").length - 1);
        assertTrue(html.contains("<script type=\"module\" src=\"/web/portal/app.js\"></script>"));
        assertFalse(html.contains("style="));
        assertFalse(html.contains(" on"), "no inline handlers");
    }
}
