package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
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
 * The server's texts in the caller's language (docs/i18n.md): a Brazilian contact whose portal sends
 * {@code Accept-Language: pt-BR} reads the field errors of its forms, the details of 404s and the summaries of its
 * customer's history in Portuguese, each field error with the same machine code as in English; a client sending no
 * {@code Accept-Language} (or one the server does not speak) gets exactly today's English.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortalLanguageIT extends ClienteleTestSupport {

    private static final Pattern LINK = Pattern.compile("/portal/[a-z0-9-]+/activate\\?token=([A-Za-z0-9_-]+)");
    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final String PT = "pt-BR,pt;q=0.9,en;q=0.5";

    @Rule
    public final TestMailbox mailbox = new TestMailbox();

    @Override
    @Configuration
    public Option[] config() {
        return baseOptions(withTestSmtp(Integer.toString(freePort()))).toArray(new Option[0]);
    }

    private Answer send(String method, String path, String token, Object body, String language) {
        String auth = token == null ? null : bearer(token);
        String json = body == null ? null : toJson(body);
        return language == null ? call(method, path, auth, json == null ? null : "application/json", json)
                : call(method, path, auth, json == null ? null : "application/json", json, "Accept-Language", language);
    }

    private static JsonNode fieldError(Answer a, String field) {
        for (JsonNode e : a.json().path("errors")) {
            if (field.equals(e.path("field").asText())) {
                return e;
            }
        }
        throw new AssertionError("no error naming " + field + " in " + a.body());
    }

    @Test
    public void aBrazilianContactReadsErrorsAndHistoryInPortugueseAndOtherClientsKeepEnglish() {
        String admin = createAgency("portal-lingua", "portal");
        Answer customer = post("/v1/customers", admin, Map.of("name", "Padaria Central", "companyName", "Padaria Central Ltda",
                "portalAccess", true));
        assertEquals(customer.body(), 201, customer.status());
        Answer contact = post("/v1/customers/" + customer.json().path("id").asText() + "/contacts", admin,
                Map.of("name", "Ana Souza", "email", "ana@padaria.test"));
        assertEquals(contact.body(), 201, contact.status());
        Answer invited = call("POST", "/v1/contacts/" + contact.json().path("id").asText() + "/portal-invite", bearer(admin), null, null);
        assertTrue(invited.body(), invited.status() / 100 == 2);
        Matcher link = LINK.matcher(mailbox.awaitMail("ana@padaria.test", 1));
        assertTrue(link.find());

        // the activation form's password policy: Portuguese with the header, the same code either way
        Answer weakPt = send("POST", "/v1/portal/auth/activate", null, Map.of("token", link.group(1), "password", "curta"), PT);
        assertProblem(weakPt, 400, "validation_failed");
        assertEquals("A solicitação tem campos inválidos.", weakPt.json().path("detail").asText());
        assertEquals("deve ter pelo menos 12 caracteres", fieldError(weakPt, "password").path("message").asText());
        assertEquals("too_short", fieldError(weakPt, "password").path("code").asText());
        assertEquals(12, fieldError(weakPt, "password").path("params").path("min").asInt());
        Answer weakEn = send("POST", "/v1/portal/auth/activate", null, Map.of("token", link.group(1), "password", "curta"), null);
        assertEquals("The request has invalid fields.", weakEn.json().path("detail").asText());
        assertEquals("must have at least 12 characters", fieldError(weakEn, "password").path("message").asText());
        assertEquals("too_short", fieldError(weakEn, "password").path("code").asText());
        Answer check = send("POST", "/v1/portal/auth/password-check", null, Map.of("password", "1qaz2wsx3edc"), "pt-BR");
        assertEquals(check.body(), "aparece em uma lista de senhas vazadas; escolha outra", check.json().path("problem").asText());
        assertEquals("weak_password", check.json().path("code").asText());

        Answer activated = post("/v1/portal/auth/activate", null, Map.of("token", link.group(1), "password", "a long passphrase for Ana"));
        assertEquals(activated.body(), 200, activated.status());
        String ana = activated.json().path("accessToken").asText();

        // the service request form: each missing field named, in Portuguese; English for a client without the header
        Answer emptyPt = send("POST", "/v1/portal/service-requests", ana, Map.of("subject", " ", "description", "x".repeat(4001)), PT);
        assertProblem(emptyPt, 400, "validation_failed");
        assertEquals("é obrigatório", fieldError(emptyPt, "subject").path("message").asText());
        assertEquals("required", fieldError(emptyPt, "subject").path("code").asText());
        assertEquals("deve ter no máximo 4.000 caracteres", fieldError(emptyPt, "description").path("message").asText());
        assertEquals("too_long", fieldError(emptyPt, "description").path("code").asText());
        assertEquals(4000, fieldError(emptyPt, "description").path("params").path("max").asInt());
        Answer emptyEn = send("POST", "/v1/portal/service-requests", ana, Map.of("subject", " ", "description", "x".repeat(4001)), null);
        assertEquals("is required", fieldError(emptyEn, "subject").path("message").asText());
        assertEquals("must be at most 4000 characters", fieldError(emptyEn, "description").path("message").asText());
        Answer french = send("POST", "/v1/portal/service-requests", ana, Map.of("subject", " ", "description", "d"), "fr-FR, de;q=0.8");
        assertEquals("a language the server does not speak is English", "is required", fieldError(french, "subject").path("message").asText());

        // a 404's detail
        Answer missing = send("GET", "/v1/portal/service-requests/no-such-request", ana, null, PT);
        assertProblem(missing, 404, "not_found");
        assertEquals("Não encontrado: Solicitação de serviço no-such-request.", missing.json().path("detail").asText());
        assertEquals("Service request no-such-request was not found.",
                send("GET", "/v1/portal/service-requests/no-such-request", ana, null, null).json().path("detail").asText());

        // a refused upload names the file in Portuguese
        Answer empty = upload("/v1/portal/documents", ana, "vazio.pdf", new byte[0], "Accept-Language", PT);
        assertEquals(empty.body(), 400, empty.status());
        assertEquals("está vazio", fieldError(empty, "file").path("message").asText());
        assertEquals("empty_file", fieldError(empty, "file").path("code").asText());

        // the history: written once, read in the reader's language
        Answer opened = send("POST", "/v1/portal/service-requests", ana, Map.of("subject", "Novo cardápio", "description", "Para o verão"), PT);
        assertEquals(opened.body(), 201, opened.status());
        Answer uploaded = upload("/v1/portal/documents", ana, "briefing.pdf", PDF, "Accept-Language", PT);
        assertEquals(uploaded.body(), 201, uploaded.status());

        JsonNode pt = send("GET", "/v1/portal/history", ana, null, PT).json().path("items");
        assertEquals(pt.toString(), 2, pt.size());
        assertEquals("Documento enviado: briefing.pdf", pt.get(0).path("summary").asText());
        assertEquals("DOCUMENT", pt.get(0).path("kind").asText());
        assertEquals("Serviço solicitado: Novo cardápio", pt.get(1).path("summary").asText());
        assertEquals("SERVICE_REQUESTED", pt.get(1).path("kind").asText());
        JsonNode en = send("GET", "/v1/portal/history", ana, null, null).json().path("items");
        assertEquals("Document uploaded: briefing.pdf", en.get(0).path("summary").asText());
        assertEquals("Service requested: Novo cardápio", en.get(1).path("summary").asText());
        assertEquals("Service requested: Novo cardápio",
                send("GET", "/v1/portal/history", ana, null, "en-US").json().path("items").get(1).path("summary").asText());
    }
}
