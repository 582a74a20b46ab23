package io.clientele.portal.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.portal.api.PortalTab;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The service-desk pages as the shell will find them: each behind a real tab, its script and both message files in the bundle. */
class DeskScreensTest {

    private static final Pattern KEY = Pattern.compile("\"([^\"]+)\"\\s*:");

    private static final List<DeskScreen> SCREENS = List.of(new HistoryScreen(), new ServiceNotesScreen(), new ServiceRequestScreen());

    @Test
    void eachScreenIsANavigationPageOfThePortalBehindItsTab() {
        assertEquals(List.of("History", "ServiceNotes", "RequestService"), SCREENS.stream().map(WebExtension::portalTab).toList());
        for (DeskScreen s : SCREENS) {
            assertTrue(PortalTab.ofLabel(s.portalTab()).isPresent(), s.id());
            assertEquals(WebExtension.APP_PORTAL, s.app());
            assertEquals(WebExtension.SLOT_NAV, s.slot());
            assertEquals(PortalModule.ID, s.moduleId());
            assertTrue(s.id().startsWith("portal."), s.id());
        }
        assertEquals(3, SCREENS.stream().map(WebExtension::route).distinct().count());
    }

    @Test
    void theScriptsAndBothLanguagesAreInTheBundleWithTheSameKeys() throws IOException {
        for (DeskScreen s : SCREENS) {
            assertNotNull(getClass().getResource(s.assetsPath() + "/" + s.script()), s.script());
        }
        Set<String> en = keys(DeskScreen.ASSETS + "/i18n/en.json");
        Set<String> pt = keys(DeskScreen.ASSETS + "/i18n/pt-BR.json");
        assertEquals(en, pt, "the same strings in English and Portuguese");
        for (DeskScreen s : SCREENS) {
            assertTrue(en.contains(s.labelKey()), s.labelKey());
        }
    }

    private Set<String> keys(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            Set<String> keys = new TreeSet<>();
            KEY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).results().forEach(m -> keys.add(m.group(1)));
            assertTrue(keys.size() > 10, resource);
            return keys;
        }
    }
}
