package io.clientele.itests;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Property-based robustness (quality.md R1): every operation of the live OpenAPI document is called with
 * generated malformed, boundary and wrong-type path parameters, query parameters and bodies. No answer may be
 * a 5xx, and every error must be problem+json. Modules' operations are covered as soon as they are installed.
 * The generator is seeded so that every run, CI's included, tries the same cases and a failure is replayable:
 * the default seed is fixed; {@code -Dclientele.fuzz.seed=<n>} replays or explores another sequence and
 * {@code -Dclientele.fuzz.rounds=<n>} walks the document n times with consecutive seeds (exploration runs).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OpenApiFuzzIT extends ClienteleTestSupport {

    private static final int CASES_PER_OPERATION = 40;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> NASTY_STRINGS = List.of("", " ", "0", "-1", "null", "true", "x".repeat(10_000),
            "é中文🙂", "'; DROP TABLE platform_user; --", "../../etc/passwd", "%00", "<script>alert(1)</script>",
            "00000000-0000-0000-0000-000000000000", "${jndi:ldap://127.0.0.1/x}", "\u0000", "\n\r\t", "=1+2", "9".repeat(40),
            "2026-13-45", "-99999999999999999999", "1e309", "NaN");

    private static final long DEFAULT_SEED = 20_261_123L;

    private Random random;
    private String adminToken;

    /** Hands an exploration seed and round count given to Maven on to the runtime the test runs in. */
    @Override
    @Configuration
    public Option[] config() {
        return baseOptions(
                systemProperty("clientele.fuzz.seed").value(System.getProperty("clientele.fuzz.seed", Long.toString(DEFAULT_SEED))),
                systemProperty("clientele.fuzz.rounds").value(System.getProperty("clientele.fuzz.rounds", "1")))
                .toArray(new Option[0]);
    }

    @Test
    public void noOperationAnswers5xxOrANonProblemError() {
        createAgency("fuzz", "budget", "monthly-fee", "ijob");
        JsonNode doc = call("GET", "/openapi.json", null, null, null).json();
        long firstSeed = Long.getLong("clientele.fuzz.seed", DEFAULT_SEED);
        int rounds = Integer.getInteger("clientele.fuzz.rounds", 1);
        List<String> failures = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + rounds; seed++) {
            random = new Random(seed);
            int calls = walk(doc, failures, seed);
            System.out.println("fuzzed " + calls + " requests, seed " + seed);
        }
        assertTrue(failures.size() + " bad answers:\n" + String.join("\n", failures.subList(0, Math.min(20, failures.size()))),
                failures.isEmpty());
    }

    /** Operation ids a generated client is known to call, from every module (the live document must name them). */
    private static final List<String> KNOWN_OPERATIONS = List.of("listCustomers", "getCustomer", "createCustomer",
            "updateCustomer", "deleteCustomer", "listCustomerContacts", "loginUser", "getHealth", "createAgency",
            "listBudgets", "listMonthlyFees", "listJobs", "approvePortalPiece", "listPortalPieces", "loginPortalContact");

    /**
     * The live document serves a client generator (issue 19): every operation has a unique, meaningful
     * operationId, a summary and a tag, a success answer other than swagger's {@code default}, the 401 problem
     * when it needs credentials, and {@code limit} typed integer. Besides, the checks of Redocly's recommended rules
     * that this document once failed, for runs without redocly (GeneratedClientIT runs redocly itself when it is
     * installed): a 4xx answer on every operation (operation-4xx-response), a schema on every response header
     * (struct), every {@code {name}} of a path declared as a path parameter (path-parameters-defined), and the three
     * security schemes that operations name defined (security-defined).
     */
    @Test
    public void theDocumentNamesTypesAndAnswersEveryOperation() {
        JsonNode doc = call("GET", "/openapi.json", null, null, null).json();
        String problemRef = "#/components/schemas/Problem";
        assertTrue("Problem schema", doc.path("components").path("schemas").has("Problem"));
        Set<String> ids = new HashSet<>();
        List<String> failures = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = ops.next();
                if (entry.getKey().equals("parameters")) {
                    continue;
                }
                operations++;
                JsonNode op = entry.getValue();
                String where = entry.getKey().toUpperCase() + " " + path.getKey();
                String id = op.path("operationId").asText("");
                if (!id.matches("[a-z][A-Za-z0-9]+") || id.matches(".*_[0-9]+")) {
                    failures.add(where + ": operationId '" + id + "'");
                } else if (!ids.add(id)) {
                    failures.add(where + ": operationId " + id + " used twice");
                }
                if (op.path("summary").asText("").isBlank()) {
                    failures.add(where + ": no summary");
                }
                if (op.path("tags").size() == 0) {
                    failures.add(where + ": no tag");
                }
                JsonNode responses = op.path("responses");
                boolean success = false;
                for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
                    success |= codes.next().startsWith("2");
                }
                if (!success) {
                    failures.add(where + ": no 2xx answer, only " + responses);
                }
                if (op.path("security").size() > 0 && !problemRef.equals(responses.path("401").path("content")
                        .path("application/problem+json").path("schema").path("$ref").asText())) {
                    failures.add(where + ": needs credentials but declares no 401 problem");
                }
                boolean clientError = false;
                for (Iterator<Map.Entry<String, JsonNode>> answers = responses.fields(); answers.hasNext(); ) {
                    Map.Entry<String, JsonNode> answer = answers.next();
                    clientError |= answer.getKey().startsWith("4");
                    for (Iterator<Map.Entry<String, JsonNode>> headers = answer.getValue().path("headers").fields(); headers.hasNext(); ) {
                        Map.Entry<String, JsonNode> header = headers.next();
                        if (!header.getValue().has("schema") && !header.getValue().has("content")) {
                            failures.add(where + ": header " + header.getKey() + " of " + answer.getKey() + " has no schema");
                        }
                    }
                }
                if (!clientError) {
                    failures.add(where + ": declares no 4xx answer");
                }
                java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
                while (names.find()) {
                    String name = names.group(1);
                    boolean declared = false;
                    for (JsonNode parameter : op.path("parameters")) {
                        declared |= parameter.path("in").asText().equals("path") && parameter.path("name").asText().equals(name);
                    }
                    if (!declared) {
                        failures.add(where + ": path parameter " + name + " not declared");
                    }
                }
                for (JsonNode requirement : op.path("security")) {
                    for (Iterator<String> schemes = requirement.fieldNames(); schemes.hasNext(); ) {
                        String scheme = schemes.next();
                        if (!doc.path("components").path("securitySchemes").has(scheme)) {
                            failures.add(where + ": security scheme " + scheme + " not defined");
                        }
                    }
                }
                for (JsonNode parameter : op.path("parameters")) {
                    if (parameter.path("name").asText().equals("limit")
                            && !parameter.path("schema").path("type").asText().equals("integer")) {
                        failures.add(where + ": limit is " + parameter.path("schema"));
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>(KNOWN_OPERATIONS);
        missing.removeAll(ids);
        assertTrue("operations missing: " + missing, missing.isEmpty());
        assertTrue(doc.path("paths").path("/v1/portal/pieces").path("get").path("security").toString().contains("portalBearer"));
        assertTrue(doc.path("paths").path("/v1/customers").path("get").path("security").toString().contains("\"bearer\""));
        assertTrue(doc.path("paths").path("/v1/platform/agencies").path("post").path("security").toString().contains("operator"));
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertTrue(schemes.toString(), schemes.path("bearer").path("scheme").asText().equals("bearer")
                && schemes.path("portalBearer").path("scheme").asText().equals("bearer")
                && schemes.path("operator").path("scheme").asText().equals("basic"));
        JsonNode created = doc.path("paths").path("/v1/customers").path("post").path("responses").path("201");
        assertTrue("a create declares its Location: " + created, created.path("headers").has("Location"));
        System.out.println("checked " + operations + " operations of the live document");
        assertTrue(failures.size() + " operations fail:\n" + String.join("\n", failures), failures.isEmpty());
    }

    /** Escapes that CXF cannot decode: a '%' without two hex digits, and escapes that are not UTF-8. */
    private static final List<String> BAD_ESCAPES = List.of("%zz", "%4", "%C3%28", "%ED%A0%80");

    /**
     * What a well-behaved HTTP client refuses to send, sent raw: every path parameter and the first query parameter
     * of every operation with a malformed or non-UTF-8 percent-escape (each a 400 problem+json, never a 500), absurd
     * headers, bodies larger than the JSON limit announced or streamed. Every answer also carries
     * {@code X-Content-Type-Options: nosniff}.
     */
    @Test
    public void malformedTargetsHeadersAndOversizedBodiesAreRefusedWithProblemJson() throws Exception {
        createAgency("hostile", "budget", "monthly-fee", "ijob");
        String token = login("hostile", "admin@hostile.test", passwordOf("hostile"));
        List<String> auth = List.of("Authorization: Bearer " + token);
        JsonNode doc = call("GET", "/openapi.json", null, null, null).json();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (method.equals("PARAMETERS")) {
                    continue;
                }
                String plain = path.getKey().replaceAll("\\{[^}]+}", "1");
                String firstQuery = null;
                for (JsonNode p : op.getValue().path("parameters")) {
                    if ("query".equals(p.path("in").asText())) {
                        firstQuery = p.path("name").asText();
                        break;
                    }
                }
                if (op.getValue().has("requestBody")) {
                    // a charset the JVM does not know: CXF fails on it before any of our code (was an HTML 500)
                    for (String charset : List.of("foo", "\"x-unknown\"", "utf-99")) {
                        sent++;
                        List<String> headers = new ArrayList<>(auth);
                        headers.add("Content-Type: application/json; charset=" + charset);
                        expect(failures, method + " " + plain + " charset=" + charset,
                                raw(method, plain, headers, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 415);
                    }
                }
                for (String bad : BAD_ESCAPES) {
                    List<String> targets = new ArrayList<>();
                    if (path.getKey().contains("{")) {
                        targets.add(path.getKey().replaceFirst("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(bad)).replaceAll("\\{[^}]+}", "1"));
                    }
                    if (firstQuery != null) {
                        targets.add(plain + "?" + firstQuery + "=" + bad);
                    }
                    targets.add(plain + "?unknown=" + bad);
                    for (String target : targets) {
                        sent++;
                        expect(failures, method + " " + target, raw(method, target, auth, null), 400);
                    }
                }
            }
        }
        // headers: one too large, too many, a broken Content-Length
        sent += 3;
        expect(failures, "64 KB header", raw("GET", "/v1/me", List.of(auth.get(0), "X-Big: " + "a".repeat(65_536)), null), 431);
        List<String> many = new ArrayList<>(auth);
        for (int i = 0; i < 2_000; i++) {
            many.add("X-Many-" + i + ": " + i);
        }
        expect(failures, "2,000 headers", raw("GET", "/v1/me", many, null), 431);
        expect(failures, "Content-Length: abc", raw("POST", "/v1/auth/login", List.of("Content-Type: application/json", "Content-Length: abc"),
                null), 400);
        // a login body of 19 MB announced: refused at once, without reading it
        sent++;
        long started = System.nanoTime();
        Answer announced = raw("POST", "/v1/auth/login", List.of("Content-Type: application/json", "Content-Length: 19000000"),
                "{\"agency\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        expect(failures, "19 MB announced", announced, 413);
        if (System.nanoTime() - started > 5_000_000_000L) {
            failures.add("19 MB announced: the refusal took " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        // a streamed (chunked) body of 3 MB, all white space after "{": refused once the limit (1 MB) is passed
        sent++;
        StringBuilder chunked = new StringBuilder();
        String chunk = " ".repeat(65_536); // white space: nothing but the body's size can stop it
        String opening = "{";
        chunked.append(Integer.toHexString(opening.length())).append("\r\n").append(opening).append("\r\n");
        for (int i = 0; i < 48; i++) {
            chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        expect(failures, "3 MB chunked", raw("POST", "/v1/auth/login", List.of("Content-Type: application/json", "Transfer-Encoding: chunked"),
                chunked.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)), 413);
        // a token answer is not to be stored by any cache
        sent++;
        Answer tokens = call("POST", "/v1/auth/login", null, "application/json",
                "{\"agency\":\"hostile\",\"email\":\"admin@hostile.test\",\"password\":\"" + passwordOf("hostile") + "\"}");
        if (tokens.status() != 200 || !"no-store".equals(tokens.header("Cache-Control")) || !"nosniff".equals(tokens.header("X-Content-Type-Options"))) {
            failures.add("login answer " + tokens.status() + " Cache-Control=" + tokens.header("Cache-Control")
                    + " X-Content-Type-Options=" + tokens.header("X-Content-Type-Options"));
        }
        System.out.println("sent " + sent + " raw hostile requests, " + failures.size() + " bad answers");
        assertTrue(failures.size() + " bad answers of " + sent + ":\n" + String.join("\n", failures.subList(0, Math.min(30, failures.size()))),
                failures.isEmpty());
    }

    /** Records a failure unless the answer is problem+json with nosniff and the expected status (0: any 4xx). */
    private static void expect(List<String> failures, String what, Answer a, int status) {
        boolean statusOk = status == 0 ? a.status() >= 400 && a.status() < 500 : a.status() == status;
        boolean problem = a.contentType() != null && a.contentType().startsWith("application/problem+json");
        if (!statusOk || !problem || !"nosniff".equals(a.header("X-Content-Type-Options"))) {
            failures.add(what + " -> " + a.status() + " " + a.contentType() + " nosniff=" + a.header("X-Content-Type-Options")
                    + " " + abbreviate(a.body()));
        }
    }

    /** Calls every operation of the document CASES_PER_OPERATION times; returns the number of calls made. */
    private int walk(JsonNode doc, List<String> failures, long seed) {
        int calls = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (method.equals("PARAMETERS") || path.getKey().equals("/v1/auth/logout")) {
                    continue;
                }
                for (int i = 0; i < CASES_PER_OPERATION; i++) {
                    String target = fillPath(path.getKey()) + query(op.getValue());
                    String body = hasBody(op.getValue()) ? body(doc, op.getValue()) : null;
                    String contentType = body == null ? null : (random.nextInt(10) == 0 ? "text/plain" : "application/json");
                    String authorization = credentials(op.getValue());
                    Answer a = answerOrRefusalWithoutBody(method, target, authorization, contentType, body);
                    calls++;
                    boolean problemJson = a.contentType() != null && a.contentType().startsWith("application/problem+json");
                    // a 503 the operation declares, as problem+json with Retry-After, is its documented "try again later"
                    // (e.g. a payment gateway not installed right now), not a failure
                    boolean declaredUnavailable = a.status() == 503 && problemJson && a.header("Retry-After") != null
                            && op.getValue().path("responses").has("503");
                    if ((a.status() >= 500 && !declaredUnavailable) || (a.status() >= 400 && !problemJson)) {
                        failures.add("seed " + seed + ": " + method + " " + target + " body=" + abbreviate(body) + " -> " + a.status() + " "
                                + a.contentType() + " " + abbreviate(a.body()));
                    }
                    if (a.status() == 401 && credentials(op.getValue()) != null && credentials(op.getValue()).startsWith("Bearer")) {
                        adminToken = null; // e.g. the generated request changed the admin; log in again
                    }
                }
            }
        }
        return calls;
    }

    /**
     * The answer to a request. Jetty refuses a request line it will not parse (a NUL byte in the path) at once
     * and closes the connection without reading the body; a client still writing a large body then sees the
     * connection reset instead of the answer, depending on timing. When that happens the same request is sent
     * without its body, so the refusal itself is checked like any other answer.
     */
    private Answer answerOrRefusalWithoutBody(String method, String target, String authorization, String contentType, String body) {
        try {
            return call(method, target, authorization, contentType, body);
        } catch (AssertionError transportFailure) {
            if (body == null || !(transportFailure.getCause() instanceof java.io.IOException)) {
                throw transportFailure;
            }
            Answer refusal = call(method, target, authorization, null, null);
            if (!"close".equalsIgnoreCase(refusal.header("Connection"))) {
                throw new AssertionError(method + " " + target + ": the connection broke while the body was sent, but without the body"
                        + " the request is answered " + refusal.status() + " on a connection that stays open", transportFailure);
            }
            return refusal;
        }
    }

    private String credentials(JsonNode op) {
        JsonNode security = op.path("security");
        if (security.isArray() && security.size() == 0) {
            return null;
        }
        if (security.toString().contains("operator")) {
            return random.nextInt(8) == 0 ? "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes())
                    : "Basic " + Base64.getEncoder().encodeToString(("admin:" + OPERATOR_PASSWORD).getBytes());
        }
        if (random.nextInt(10) == 0) {
            return "Bearer " + urlEncode(nasty()); // header-safe garbage
        }
        if (adminToken == null) {
            adminToken = login("fuzz", "admin@fuzz.test", passwordOf("fuzz"));
        }
        return "Bearer " + adminToken;
    }

    private String fillPath(String template) {
        StringBuilder sb = new StringBuilder();
        for (String segment : template.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            sb.append('/');
            sb.append(segment.startsWith("{") ? urlEncode(nasty()) : segment);
        }
        return sb.toString();
    }

    private String query(JsonNode op) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode p : op.path("parameters")) {
            if ("query".equals(p.path("in").asText()) && random.nextBoolean()) {
                sb.append(sb.length() == 0 ? '?' : '&').append(p.path("name").asText()).append('=').append(urlEncode(nasty()));
            }
        }
        return sb.toString();
    }

    private static boolean hasBody(JsonNode op) {
        return op.has("requestBody");
    }

    private String body(JsonNode doc, JsonNode op) {
        switch (random.nextInt(8)) {
            case 0:
                return "";
            case 1:
                return "{\"unterminated\": ";
            case 2:
                return "[1,2,3]";
            case 3:
                return nasty();
            default:
                JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
                return value(doc, schema, 0).toString();
        }
    }

    /** A value for a schema: usually of the right shape with boundary content, sometimes of the wrong type. */
    private JsonNode value(JsonNode doc, JsonNode schema, int depth) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asText().replace("#/components/schemas/", "");
            schema = doc.path("components").path("schemas").path(name);
        }
        if (depth > 4 || random.nextInt(6) == 0) {
            return wrongType();
        }
        switch (schema.path("type").asText()) {
            case "object": {
                ObjectNode o = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = props.next();
                    if (random.nextInt(5) != 0) {
                        o.set(p.getKey(), value(doc, p.getValue(), depth + 1));
                    }
                }
                if (random.nextInt(10) == 0) {
                    o.put("unexpectedField", nasty());
                }
                return o;
            }
            case "array": {
                ArrayNode a = NODES.arrayNode();
                int n = random.nextInt(4) == 0 ? 200 : random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    a.add(value(doc, schema.path("items"), depth + 1));
                }
                return a;
            }
            case "integer":
                return NODES.numberNode(List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L).get(random.nextInt(5)));
            case "number":
                return NODES.numberNode(List.of(0.0, -0.5, 1e308, -1e308).get(random.nextInt(4)));
            case "boolean":
                return NODES.booleanNode(random.nextBoolean());
            default:
                if (schema.has("enum") && random.nextBoolean()) {
                    return schema.path("enum").get(random.nextInt(schema.path("enum").size()));
                }
                return NODES.textNode(nasty());
        }
    }

    private JsonNode wrongType() {
        switch (random.nextInt(6)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.numberNode(random.nextInt());
            case 2: return NODES.booleanNode(true);
            case 3: return NODES.arrayNode().add(nasty());
            case 4: return NODES.objectNode().put("nested", nasty());
            default: return NODES.textNode(nasty());
        }
    }

    private String nasty() {
        return random.nextInt(4) == 0 ? Long.toString(random.nextLong()) : NASTY_STRINGS.get(random.nextInt(NASTY_STRINGS.size()));
    }

    private static String urlEncode(String s) {
        String encoded = java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return encoded.isEmpty() ? "%20" : encoded;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
