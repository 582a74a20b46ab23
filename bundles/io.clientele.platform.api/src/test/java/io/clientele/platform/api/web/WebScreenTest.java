package io.clientele.platform.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebScreenTest {

    static final class Pieces extends WebScreen {
        Pieces() {
            super(WebScreen.of(APP_PORTAL, SLOT_NAV, "ijob.pieces").route("pieces").labelKey("ijob.nav.pieces").order(50)
                    .moduleId("ijob").portalTab("Jobs").script("/web/ext/ijob", "pieces.js"));
        }
    }

    @Test
    void answersWhatItsConstructorNamed() {
        WebExtension e = new Pieces();
        assertEquals(List.of("ijob.pieces", "portal", "nav", "pieces", "ijob.nav.pieces", "ijob", "Jobs", "/web/ext/ijob", "pieces.js"),
                List.of(e.id(), e.app(), e.slot(), e.route(), e.labelKey(), e.moduleId(), e.portalTab(), e.assetsPath(), e.script()));
        assertEquals(50, e.order());
        assertEquals(Set.of(), e.roles());
    }

    @Test
    void whatIsNotNamedTakesTheInterfacesDefaultsAndRolesAreCopied() {
        Set<String> roles = new HashSet<>(Set.of("ADMIN"));
        WebExtension settings = new WebScreen(WebScreen.of(WebExtension.APP_AGENCY, WebExtension.SLOT_NAV, "settings")
                .labelKey("nav.settings").roles(roles).script("/web/ext/core", "settings.js")) {
        };
        roles.add("FINANCE");
        assertEquals(Set.of("ADMIN"), settings.roles());
        assertEquals(100, settings.order());
        assertEquals("", settings.moduleId());
        assertNull(settings.portalTab());
        assertNull(settings.route());
    }

    @Test
    void aScreenWithoutItsLabelOrScriptIsRefused() {
        assertThrows(NullPointerException.class, () -> new WebScreen(WebScreen.of("portal", "nav", "x").script("/web/ext/x", "x.js")) {
        });
        assertThrows(NullPointerException.class, () -> new WebScreen(WebScreen.of("portal", "nav", "x").labelKey("x")) {
        });
        assertThrows(NullPointerException.class, () -> WebScreen.of("portal", null, "x"));
    }
}
