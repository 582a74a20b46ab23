package io.clientele.portal.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.contact.api.PortalPolicy;
import io.clientele.platform.api.rest.FieldErrors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agency's e-mail HTML: sanitised by the allow-list, placeholders kept, checked and filled in escaped. */
class EmailHtmlTest {

    private static String clean(String html) {
        FieldErrors errors = new FieldErrors();
        String cleaned = EmailHtml.clean("invitationEmailHtml", html, EmailHtml.INVITATION, errors);
        assertTrue(errors.isEmpty(), errors.list().toString());
        return cleaned;
    }

    @Test
    void scriptsHandlersAndJavascriptLinksAreDroppedFormattingStays() {
        String cleaned = clean("<h2 onclick=\"steal()\">Welcome</h2><script>alert(1)</script>"
                + "<p style=\"color:red\"><b>Hello</b> <a href=\"javascript:alert(2)\">x</a> <iframe src=\"https://evil\"></iframe></p>"
                + "<img src=\"https://cdn.example.com/a.png\" onerror=\"steal()\">");
        assertFalse(cleaned.contains("script"), cleaned);
        assertFalse(cleaned.contains("onclick"), cleaned);
        assertFalse(cleaned.contains("onerror"), cleaned);
        assertFalse(cleaned.contains("javascript"), cleaned);
        assertFalse(cleaned.contains("iframe"), cleaned);
        assertTrue(cleaned.contains("<h2>Welcome</h2>"), cleaned);
        assertTrue(cleaned.contains("<b>Hello</b>"), cleaned);
        assertTrue(cleaned.contains("color:red"), cleaned);
        assertTrue(cleaned.contains("src=\"https://cdn.example.com/a.png\""), cleaned);
    }

    @Test
    void placeholdersSurviveTheSanitiserInTextAndInLinks() {
        String cleaned = clean("<p>Hi {{ contactName }}, {{agencyName}} invites you: <a href=\"{{activationLink}}\">start</a></p>");
        assertTrue(cleaned.contains("Hi {{contactName}}, {{agencyName}} invites you"), cleaned);
        assertTrue(cleaned.contains("href=\"{{activationLink}}\""), cleaned);
        assertEquals(cleaned, clean(cleaned), "saving what was read back changes nothing");
    }

    @Test
    void unknownPlaceholdersAndStrayBracesAreRefusedNamingTheField() {
        FieldErrors errors = new FieldErrors();
        assertNull(EmailHtml.clean("invitationEmailHtml", "<p>{{password}}</p>", EmailHtml.INVITATION, errors));
        assertEquals("invitationEmailHtml", errors.list().get(0).field());
        assertTrue(errors.list().get(0).message().contains("password"));
        FieldErrors stray = new FieldErrors();
        EmailHtml.clean("autoChargeEmailHtml", "<p>{{contactName}</p>", EmailHtml.AUTO_CHARGE, stray);
        assertEquals("autoChargeEmailHtml", stray.list().get(0).field());
        FieldErrors tooLong = new FieldErrors();
        EmailHtml.clean("invitationEmailHtml", "x".repeat(EmailHtml.MAX_LENGTH + 1), EmailHtml.INVITATION, tooLong);
        assertFalse(tooLong.isEmpty());
    }

    @Test
    void blankOrScriptOnlyTextMeansNone() {
        assertNull(clean("   "));
        assertNull(clean("<script>alert(1)</script>"));
    }

    @Test
    void valuesAreFilledInEscapedAndTheLinkIsAddedWhenTheTextHasNone() {
        String cleaned = clean("<p>Dear {{contactName}}</p>");
        PortalPolicy.Text text = PortalSettingsStore.invitationText(cleaned, Map.of(PortalPolicy.CONTACT_NAME, "Ana <b>&</b>",
                PortalPolicy.AGENCY_NAME, "Acme", PortalPolicy.ACTIVATION_LINK, "https://x.test/portal/acme/activate?token=abc&x=1"));
        assertTrue(text.html().contains("Dear Ana &lt;b&gt;&amp;&lt;/b&gt;"), text.html());
        assertTrue(text.html().contains("href=\"https://x.test/portal/acme/activate?token=abc&amp;x=1\""), text.html());
        assertTrue(text.text().contains("Dear Ana <b>&</b>"), text.text());
        assertTrue(text.text().contains("https://x.test/portal/acme/activate?token=abc&x=1"), text.text());
    }

    @Test
    void thePlainTextPartKeepsBlocksOnTheirOwnLinesAndLinkAddresses() {
        String text = EmailHtml.text("<h1>Welcome</h1><p>Click <a href=\"https://a.test/x\">here</a> now.</p><ul><li>one</li><li>two</li></ul>");
        assertEquals("Welcome\nClick here (https://a.test/x) now.\n- one\n- two\n", text);
    }
}
