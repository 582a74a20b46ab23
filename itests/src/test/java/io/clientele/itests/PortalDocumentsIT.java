package io.clientele.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The portal's documents both ways, the agency's documents for every portal user, and the agency's logo, through the real
 * distribution: a contact uploads a PDF (accepted) and a renamed executable (refused by its content, the problem naming
 * the field {@code file}); staff see who uploaded what and when; a document staff share is downloaded by the contact
 * byte for byte; another customer's contact gets 404 for every document id; the logo is checked by content (SVG refused),
 * size-limited and served publicly with caching headers; the Documents tab switched off answers 403.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortalDocumentsIT extends ClienteleTestSupport {

    private static final Pattern LINK = Pattern.compile("/portal/[a-z0-9-]+/activate\\?token=([A-Za-z0-9_-]+)");
    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    /** A Windows executable's first bytes ("MZ", the DOS header), named and declared a PDF. */
    private static final byte[] EXE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, (byte) 0xb8, 0, 0, 0};
    private static final byte[] SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
            .getBytes(StandardCharsets.UTF_8);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @Rule
    public final TestMailbox mailbox = new TestMailbox();

    @Override
    @Configuration
    public Option[] config() {
        String port = Integer.toString(freePort());
        return baseOptions(withTestSmtp(port,
                editConfigurationFilePut("etc/io.clientele.portal.cfg", "documentMaxBytes", "65536"),
                editConfigurationFilePut("etc/io.clientele.portal.cfg", "logoMaxBytes", "4096"))).toArray(new Option[0]);
    }

    // ---- helpers

    private String created(Answer a) {
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    /** Invites the contact, reads the link from its mail and activates the account; the contact's access token. */
    private String portalContact(String admin, String customerId, String name, String email) {
        String id = created(post("/v1/customers/" + customerId + "/contacts", admin, Map.of("name", name, "email", email)));
        Answer invited = call("POST", "/v1/contacts/" + id + "/portal-invite", bearer(admin), null, null);
        assertTrue(invited.body(), invited.status() / 100 == 2);
        Answer a = post("/v1/portal/auth/activate", null, Map.of("token", mailbox.awaitMatch(email, LINK),
                "password", name + "'s own long passphrase"));
        assertEquals(a.body(), 200, a.status());
        return a.json().path("accessToken").asText();
    }

    /** GET answered as bytes; {@code token} null: no authentication. */
    private HttpResponse<byte[]> bytes(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", bearer(token));
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }

    private static byte[] png(int size) {
        byte[] b = new byte[size];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(magic, 0, b, 0, magic.length);
        for (int i = magic.length; i < size; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    // ---- the story

    @Test
    public void documentsGoBothWaysAndStayWithTheirCustomer() {
        String admin = createAgency("portal-docs", "portal");
        String bakery = created(post("/v1/customers", admin, Map.of("name", "Bakery", "companyName", "Bakery Ltd")));
        String florist = created(post("/v1/customers", admin, Map.of("name", "Florist", "companyName", "Florist Ltd")));
        String paula = portalContact(admin, bakery, "Paula", "paula@bakery.test");
        String olga = portalContact(admin, florist, "Olga", "olga@florist.test");
        String paulaId = get("/v1/portal/me", paula).json().path("contact").path("id").asText();

        // the contact uploads a PDF: accepted, typed by content
        Answer pdf = sendFile("POST", "/v1/portal/documents", paula, "briefing.pdf", "application/pdf", PDF);
        String pdfId = created(pdf);
        assertEquals("application/pdf", pdf.json().path("contentType").asText());
        assertEquals("CUSTOMER", pdf.json().path("from").asText());
        assertEquals("Paula", pdf.json().path("uploadedBy").asText());

        // a renamed executable is refused by its content, naming the file field
        JsonNode exe = assertProblem(sendFile("POST", "/v1/portal/documents", paula, "invoice.pdf", "application/pdf", EXE), 415,
                "unsupported_media_type");
        assertEquals("file", exe.path("errors").get(0).path("field").asText());
        // bigger than the configured limit: 413
        assertProblem(sendFile("POST", "/v1/portal/documents", paula, "big.png", "image/png", png(70_000)), 413, "payload_too_large");

        // staff see what the contact uploaded, who and when
        JsonNode staffList = get("/v1/customers/" + bakery + "/portal-documents", admin).json().path("items");
        assertEquals(staffList.toString(), 1, staffList.size());
        assertEquals(pdfId, staffList.get(0).path("id").asText());
        assertEquals("CONTACT", staffList.get(0).path("uploaderKind").asText());
        assertEquals(paulaId, staffList.get(0).path("uploaderId").asText());
        assertEquals("Paula", staffList.get(0).path("uploaderName").asText());
        assertFalse(staffList.get(0).path("createdAt").asText().isEmpty());
        assertArrayEquals(PDF, bytes("/v1/customers/" + bakery + "/portal-documents/" + pdfId + "/content", admin).body());
        JsonNode historyLine = get("/v1/customers/" + bakery + "/history", admin).json().path("items").get(0);
        assertEquals(historyLine.toString(), "portal-document", historyLine.path("entity").asText());
        assertEquals(paulaId, historyLine.path("actorId").asText());

        // staff share a document with the customer: the contact downloads it byte for byte
        byte[] shared = png(3000);
        Answer staffUpload = sendFile("POST", "/v1/customers/" + bakery + "/portal-documents", admin, "proof.png", "image/png", shared);
        String sharedId = created(staffUpload);
        assertEquals("STAFF", staffUpload.json().path("uploaderKind").asText());
        assertEquals("Admin of portal-docs", staffUpload.json().path("uploaderName").asText());
        JsonNode paulaList = get("/v1/portal/documents", paula).json().path("items");
        assertEquals(List.of(sharedId, pdfId), ids(paulaList));
        assertEquals("AGENCY", paulaList.get(0).path("from").asText());
        assertTrue(paulaList.toString(), paulaList.get(0).path("uploadedBy").isNull());
        HttpResponse<byte[]> download = bytes("/v1/portal/documents/" + sharedId + "/content", paula);
        assertEquals(200, download.statusCode());
        assertArrayEquals(shared, download.body());
        assertEquals("image/png", download.headers().firstValue("Content-Type").orElse(""));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\"proof.png\""));
        assertEquals("nosniff", download.headers().firstValue("X-Content-Type-Options").orElse(""));
        JsonNode portalHistory = get("/v1/portal/history", paula).json().path("items");
        assertTrue(portalHistory.toString(), portalHistory.toString().contains("Document shared with you: proof.png"));

        // the agency's document for every portal user shows in each contact's list
        String welcome = created(sendFile("POST", "/v1/portal/settings/documents", admin, "welcome.pdf", "application/pdf", PDF));
        assertEquals(List.of(welcome), ids(get("/v1/portal/settings/documents", admin).json().path("items")));
        assertEquals(List.of(welcome), ids(get("/v1/portal/documents", olga).json().path("items")));
        assertTrue(ids(get("/v1/portal/documents", paula).json().path("items")).contains(welcome));
        assertArrayEquals(PDF, bytes("/v1/portal/documents/" + welcome + "/content", olga).body());

        // another customer's contact: 404 for every one of Bakery's documents, and no staff endpoint
        for (String id : List.of(pdfId, sharedId)) {
            assertProblem(get("/v1/portal/documents/" + id + "/content", olga), 404, "not_found");
        }
        assertProblem(get("/v1/portal/documents/no-such-document/content", olga), 404, "not_found");
        assertProblem(get("/v1/customers/" + bakery + "/portal-documents", olga), 403, "forbidden");
        // staff: a document under the wrong customer is 404 too
        assertProblem(get("/v1/customers/" + florist + "/portal-documents/" + pdfId + "/content", admin), 404, "not_found");

        // staff delete the contact's upload: gone from the contact's list
        assertEquals(204, call("DELETE", "/v1/customers/" + bakery + "/portal-documents/" + pdfId, bearer(admin), null, null).status());
        assertFalse(ids(get("/v1/portal/documents", paula).json().path("items")).contains(pdfId));
        assertProblem(get("/v1/portal/documents/" + pdfId + "/content", paula), 404, "not_found");

        // the Documents tab switched off: 403 for the contact
        Map<String, Object> settings = new HashMap<>();
        settings.put("enabledTabs", List.of("Home", "Invoices"));
        settings.put("portalLoginsEnabled", true);
        assertEquals(200, call("PUT", "/v1/portal/settings", bearer(admin), "application/json", toJson(settings)).status());
        assertProblem(get("/v1/portal/documents", paula), 403, "forbidden");
        assertProblem(get("/v1/portal/documents/" + sharedId + "/content", paula), 403, "forbidden");
        assertProblem(sendFile("POST", "/v1/portal/documents", paula, "briefing.pdf", "application/pdf", PDF), 403, "forbidden");
    }

    @Test
    public void theLogoIsCheckedByContentAndServedPublicly() {
        String admin = createAgency("portal-logo", "portal");
        String none = createAgency("portal-logo-none");

        // branding before any logo, without authentication
        Answer branding = call("GET", "/v1/portal/agencies/portal-logo/branding", null, null, null);
        assertEquals(branding.body(), 200, branding.status());
        assertEquals("Agency portal-logo", branding.json().path("name").asText());
        assertTrue(branding.json().path("logoUrl").isNull());
        assertTrue(branding.header("Cache-Control"), branding.header("Cache-Control").startsWith("public"));
        assertProblem(call("GET", "/v1/portal/agencies/no-such-agency/branding", null, null, null), 404, "not_found");
        assertEquals("Agency portal-logo-none", call("GET", "/v1/portal/agencies/portal-logo-none/branding", null, null, null)
                .json().path("name").asText());

        // SVG (a script risk) and a renamed executable are refused by content; too big: 413
        assertEquals("file", assertProblem(sendFile("PUT", "/v1/portal/settings/logo", admin, "logo.svg", "image/svg+xml", SVG), 415,
                "unsupported_media_type").path("errors").get(0).path("field").asText());
        assertProblem(sendFile("PUT", "/v1/portal/settings/logo", admin, "logo.png", "image/png", EXE), 415, "unsupported_media_type");
        assertProblem(sendFile("PUT", "/v1/portal/settings/logo", admin, "logo.png", "image/png", png(5000)), 413, "payload_too_large");
        assertProblem(sendFile("PUT", "/v1/portal/settings/logo", none, "logo.png", "image/png", png(1000)), 403, "module_not_enabled");

        // a PNG: logoUrl in the settings and the branding, the image public and cacheable
        byte[] logo = png(2000);
        Answer put = sendFile("PUT", "/v1/portal/settings/logo", admin, "logo.png", "image/png", logo);
        assertEquals(put.body(), 200, put.status());
        String logoUrl = put.json().path("logoUrl").asText();
        assertTrue(logoUrl, logoUrl.startsWith("/api/v1/portal/agencies/portal-logo/logo?v="));
        JsonNode settings = get("/v1/portal/settings", admin).json();
        assertEquals(logoUrl, settings.path("logoUrl").asText());
        assertEquals(logoUrl, call("GET", "/v1/portal/agencies/portal-logo/branding", null, null, null).json().path("logoUrl").asText());
        HttpResponse<byte[]> image = bytes(logoUrl.substring("/api".length()), null);
        assertEquals(200, image.statusCode());
        assertArrayEquals(logo, image.body());
        assertEquals("image/png", image.headers().firstValue("Content-Type").orElse(""));
        assertTrue(image.headers().firstValue("Cache-Control").orElse("").contains("max-age"));

        // the settings round-trip with the uploaded logo's URL
        Map<String, Object> body = new HashMap<>();
        settings.fields().forEachRemaining(e -> body.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        body.remove("version");
        Answer saved = call("PUT", "/v1/portal/settings", bearer(admin), "application/json", toJson(body));
        assertEquals(saved.body(), 200, saved.status());
        assertEquals(logoUrl, saved.json().path("logoUrl").asText());

        // removed: no logo anywhere
        assertEquals(204, call("DELETE", "/v1/portal/settings/logo", bearer(admin), null, null).status());
        assertTrue(get("/v1/portal/settings", admin).json().path("logoUrl").isNull());
        assertTrue(call("GET", "/v1/portal/agencies/portal-logo/branding", null, null, null).json().path("logoUrl").isNull());
        assertEquals(404, bytes(logoUrl.substring("/api".length()), null).statusCode());
    }

    @Test
    public void homeShowsTheBalanceDuePiecesAwaitingApprovalAndLatestNotes() {
        String admin = createAgency("portal-home", "portal", "monthly-fee", "ijob");
        String bakery = created(post("/v1/customers", admin, Map.of("name", "Bakery", "companyName", "Bakery Ltd", "portalAccess", true,
                "address", Map.of("postalCode", "01001-000", "street", "Praça da Sé", "number", "1", "city", "São Paulo", "state", "SP",
                        "country", "BR"))));
        String florist = created(post("/v1/customers", admin, Map.of("name", "Florist", "companyName", "Florist Ltd", "portalAccess", true)));
        String paula = portalContact(admin, bakery, "Paula", "paula@bakery.test");
        String olga = portalContact(admin, florist, "Olga", "olga@florist.test");

        // nothing yet: no balance, nothing awaiting, no notes
        Answer empty = get("/v1/portal/home", paula);
        assertEquals(empty.body(), 200, empty.status());
        assertEquals(0, empty.json().path("balanceDue").size());
        assertEquals(0, empty.json().path("openInvoices").size());
        assertEquals(0, empty.json().path("awaitingApproval").size());

        // an issued invoice of 250.00 BRL
        String feeId = created(post("/v1/monthly-fees", admin, Map.of("customerId", bakery, "description", "Retainer", "amount", "250.00",
                "currency", "BRL", "startDate", "2026-01-01", "endDate", "2026-01-31", "paymentDay", 10)));
        JsonNode entries = get("/v1/monthly-fees/" + feeId + "/entries", admin).json().path("items");
        List<String> entryIds = new ArrayList<>();
        for (JsonNode e : entries) {
            assertEquals(200, call("PATCH", "/v1/fee-entries/" + e.path("id").asText(), bearer(admin), "application/json",
                    "{\"approvedByCustomer\":true}").status());
            entryIds.add(e.path("id").asText());
        }
        Answer issued = post("/v1/pre-billing/invoices", admin, Map.of("entryIds", entryIds));
        assertEquals(issued.body(), 201, issued.status());
        String invoiceId = issued.json().path("items").get(0).path("id").asText();

        // a piece of an iJob job awaiting the customer's approval
        String jobId = created(post("/v1/jobs", admin, Map.of("customerId", bakery, "title", "Spring campaign", "ijob", true)));
        Answer piece = post("/v1/jobs/" + jobId + "/pieces", admin, Map.of("title", "Poster", "steps", List.of(
                Map.of("type", "CUSTOMER_APPROVAL", "name", "Poster approval"))));
        String pieceId = created(piece);
        assertEquals("AWAITING_CUSTOMER", piece.json().path("status").asText());

        // a service note
        created(post("/v1/customers/" + bakery + "/service-notes", admin, Map.of("body", "The spring posters are on their way.")));

        JsonNode home = get("/v1/portal/home", paula).json();
        assertEquals(home.toString(), "250.00", home.path("balanceDue").get(0).path("amount").asText());
        assertEquals("BRL", home.path("balanceDue").get(0).path("currency").asText());
        assertEquals(invoiceId, home.path("openInvoices").get(0).path("id").asText());
        assertEquals("250.00", home.path("openInvoices").get(0).path("balance").asText());
        assertEquals(pieceId, home.path("awaitingApproval").get(0).path("id").asText());
        assertEquals("Poster", home.path("awaitingApproval").get(0).path("title").asText());
        assertEquals("The spring posters are on their way.", home.path("latestNotes").get(0).path("body").asText());

        // another customer's contact sees none of it
        JsonNode others = get("/v1/portal/home", olga).json();
        assertEquals(others.toString(), 0, others.path("balanceDue").size());
        assertEquals(0, others.path("openInvoices").size());
        assertEquals(0, others.path("awaitingApproval").size());
        assertEquals(0, others.path("latestNotes").size());

        // paid: nothing due; approved: nothing awaiting
        assertEquals(200, post("/v1/invoices/" + invoiceId + "/payments", admin, Map.of("amount", "250.00", "method", "PIX")).status());
        assertEquals(200, call("POST", "/v1/portal/pieces/" + pieceId + "/approve", bearer(paula), null, null).status());
        JsonNode after = get("/v1/portal/home", paula).json();
        assertEquals(after.toString(), 0, after.path("balanceDue").size());
        assertEquals(0, after.path("awaitingApproval").size());

        // the Jobs tab off: no pieces part; the Home tab off: 403
        Map<String, Object> settings = new HashMap<>();
        settings.put("portalLoginsEnabled", true);
        settings.put("enabledTabs", List.of("Home", "Invoices"));
        assertEquals(200, call("PUT", "/v1/portal/settings", bearer(admin), "application/json", toJson(settings)).status());
        JsonNode noJobs = get("/v1/portal/home", paula).json();
        assertTrue(noJobs.toString(), noJobs.path("awaitingApproval").isNull() && noJobs.path("latestNotes").isNull());
        assertTrue(noJobs.path("openInvoices").isArray());
        settings.put("enabledTabs", List.of("Invoices"));
        assertEquals(200, call("PUT", "/v1/portal/settings", bearer(admin), "application/json", toJson(settings)).status());
        assertProblem(get("/v1/portal/home", paula), 403, "forbidden");

        // without the monthly-fee module's bridge (an agency without the module): no billing part, no error
        String plain = createAgency("portal-home-plain", "portal");
        String shop = created(post("/v1/customers", plain, Map.of("name", "Shop", "companyName", "Shop Ltd")));
        String sara = portalContact(plain, shop, "Sara", "sara@shop.test");
        Answer plainHome = get("/v1/portal/home", sara);
        assertEquals(plainHome.body(), 200, plainHome.status());
        assertTrue(plainHome.body(), plainHome.json().path("balanceDue").isNull() && plainHome.json().path("openInvoices").isNull()
                && plainHome.json().path("awaitingApproval").isNull());
        assertEquals(0, plainHome.json().path("latestNotes").size());
    }
}
