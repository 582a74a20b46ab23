package io.clientele.platform.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.rest.FieldError;
import io.clientele.platform.api.rest.ProblemException;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.Path;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

class RestLayerTest {

    public record Admin(@NotBlank String name, @Size(max = 5) String email) {
    }

    public record NewThing(@NotBlank String name, @NotEmpty List<String> tags, @jakarta.validation.Valid Admin admin) {
    }

    private final JsonProvider json = new JsonProvider(JsonLimits::defaults, Json.mapper(), Validation.byProvider(HibernateValidator.class)
            .providerResolver(() -> List.of(new HibernateValidator())).configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator());

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object read(String body) throws Exception {
        return json.readFrom((Class) NewThing.class, NewThing.class, new java.lang.annotation.Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private ProblemException problem(String body) {
        return assertThrows(ProblemException.class, () -> read(body));
    }

    @Test
    void bodiesAreRequiredWellFormedAndOfTheRightTypes() {
        assertEquals("malformed_request", problem("").code());
        assertEquals("malformed_request", problem("{\"name\":").code());
        assertEquals("malformed_request", problem("null").code());
        assertEquals("malformed_request", problem("{\"name\":\"a\",\"tags\":[\"x\"]} trailing").code());
        ProblemException unknown = problem("{\"nmae\":\"x\"}");
        assertEquals("nmae", unknown.errors().get(0).field());
        ProblemException wrongType = problem("{\"name\":\"x\",\"tags\":\"not a list\"}");
        assertEquals("tags", wrongType.errors().get(0).field());
        ProblemException nested = problem("{\"name\":\"x\",\"tags\":[\"a\"],\"admin\":{\"name\":[1]}}");
        assertEquals("admin.name", nested.errors().get(0).field());
    }

    @Test
    void beanValidationNamesEveryBadFieldIncludingNestedOnes() {
        ProblemException e = problem("{\"name\":\" \",\"tags\":[],\"admin\":{\"name\":\"\",\"email\":\"toolong\"}}");
        assertEquals("validation_failed", e.code());
        assertEquals(List.of("admin.email", "admin.name", "name", "tags"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void problemsMapToTheContractsShape() {
        ProblemMapper mapper = new ProblemMapper();
        Response invalid = mapper.toResponse(ProblemException.invalid("email", "is not valid"));
        assertEquals(400, invalid.getStatus());
        assertEquals("application/problem+json", invalid.getMediaType().toString());
        Problem body = (Problem) invalid.getEntity();
        assertEquals("validation_failed", body.code());
        assertEquals("email", body.errors().get(0).field());

        Response locked = mapper.toResponse(ProblemException.rateLimited("later", 42));
        assertEquals("42", locked.getHeaderString("Retry-After"));
        assertEquals(ProblemMapper.BEARER_CHALLENGE, mapper.toResponse(ProblemException.unauthorized("who?")).getHeaderString("WWW-Authenticate"));
        assertEquals(ProblemMapper.BASIC_CHALLENGE, mapper.toResponse(new AuthenticationFilter.OperatorChallenge("operator?"))
                .getHeaderString("WWW-Authenticate"));

        Response notAllowed = mapper.toResponse(new NotAllowedException("GET"));
        assertEquals(405, notAllowed.getStatus());
        assertEquals("method_not_allowed", ((Problem) notAllowed.getEntity()).code());

        Response fault = mapper.toResponse(new IllegalStateException("secret detail from deep inside"));
        assertEquals(500, fault.getStatus());
        Problem faultBody = (Problem) fault.getEntity();
        assertEquals("internal_error", faultBody.code());
        assertFalse(faultBody.detail().contains("secret detail"));
        assertEquals(faultBody.correlationId(), fault.getHeaderString("X-Correlation-Id"));
    }

    @Path("/v1/customers/{id}/contacts")
    static class Contacts {
    }

    @Path("v1/users/")
    static class Users {
    }

    @Path("/openapi.json")
    static class Doc {
    }

    @Test
    void eachResourceIsPublishedAtItsRootAddress() {
        assertEquals("/v1", RestPublisher.rootOf(Contacts.class));
        assertEquals("/v1", RestPublisher.rootOf(Users.class));
        assertEquals("/openapi.json", RestPublisher.rootOf(Doc.class));
        assertNull(RestPublisher.rootOf(String.class));
        // the server at /v1 matches each class by the rest of its path
        assertEquals("/customers/{id}/contacts", RestPublisher.templateUnder("/v1", Contacts.class));
        assertEquals("/users", RestPublisher.templateUnder("/v1", Users.class));
        assertEquals("/", RestPublisher.templateUnder("/openapi.json", Doc.class));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ProblemException problemWithLimits(JsonLimits limits, String body, String contentLength) {
        return problemWithLimits(limits, body, contentLength, NewThing.class);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ProblemException problemWithLimits(JsonLimits limits, String body, String contentLength, Class<?> type) {
        JsonProvider bounded = new JsonProvider(() -> limits, Json.mapper(), Validation.byProvider(HibernateValidator.class)
                .providerResolver(() -> List.of(new HibernateValidator())).configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator());
        javax.ws.rs.core.MultivaluedMap<String, String> headers = new javax.ws.rs.core.MultivaluedHashMap<>();
        if (contentLength != null) {
            headers.putSingle("Content-Length", contentLength);
        }
        return assertThrows(ProblemException.class, () -> bounded.readFrom((Class) type, type,
                new java.lang.annotation.Annotation[0], MediaType.APPLICATION_JSON_TYPE, headers,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhileItIsReadNotAfter() {
        JsonLimits limits = JsonLimits.of(100, 64, 1000, 100);
        String big = "{\"name\":\"" + "x".repeat(10_000) + "\",\"tags\":[\"a\"]}";
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        javax.ws.rs.core.MultivaluedMap<String, String> none = new javax.ws.rs.core.MultivaluedHashMap<>();
        JsonProvider bounded = new JsonProvider(() -> limits, Json.mapper(), Validation.byProvider(HibernateValidator.class)
                .providerResolver(() -> List.of(new HibernateValidator())).configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator());
        java.io.InputStream counting = new java.io.FilterInputStream(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                int n = super.read(b, off, len);
                read.addAndGet(Math.max(n, 0));
                return n;
            }
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        ProblemException tooLarge = assertThrows(ProblemException.class, () -> bounded.readFrom((Class) NewThing.class,
                NewThing.class, new java.lang.annotation.Annotation[0], MediaType.APPLICATION_JSON_TYPE, none, counting));
        assertEquals(413, tooLarge.status());
        assertEquals("payload_too_large", tooLarge.code());
        assertTrue(read.get() <= 101, "read " + read.get() + " bytes of a body limited to 100");
        // announced by Content-Length: refused before a byte is read
        assertEquals(413, problemWithLimits(limits, "{}", "5000000").status());
        assertEquals("malformed_request", problemWithLimits(limits, "{}", "lots").code());
        // exactly at the limit is fine (then fails validation, not size)
        String atLimit = "{\"name\":\"" + "y".repeat(79) + "\",\"tags\":[]}";
        assertEquals(100, atLimit.length());
        assertEquals("validation_failed", problemWithLimits(limits, atLimit, "100").code());
    }

    @Test
    void absurdNestingStringsAndNumbersAreRefusedByTheParser() {
        JsonLimits limits = JsonLimits.of(1_000_000, 16, 1000, 20);
        // a body read as free-form JSON (e.g. an integration's settings) is where nesting could run deep
        Class<?> tree = com.fasterxml.jackson.databind.JsonNode.class;
        ProblemException nesting = problemWithLimits(limits, "{\"a\":" + "[".repeat(50) + "]".repeat(50) + "}", null, tree);
        assertEquals(400, nesting.status());
        assertTrue(nesting.getMessage().contains("exceeds a limit"), nesting.getMessage());
        ProblemException string = problemWithLimits(limits, "{\"name\":\"" + "s".repeat(5000) + "\"}", null, tree);
        assertEquals(400, string.status());
        assertTrue(string.getMessage().contains("exceeds a limit"), string.getMessage());
        ProblemException number = problemWithLimits(limits, "{\"n\":" + "9".repeat(500) + "}", null, tree);
        assertEquals(400, number.status());
        assertTrue(number.getMessage().contains("exceeds a limit"), number.getMessage());
    }

    @Test
    void malformedPercentEncodingIsNamedNotAnInternalError() {
        assertNull(RequestTargetFilter.problemIn(null));
        assertNull(RequestTargetFilter.problemIn("cursor=abc&q=ip%C3%AA%20m%C3%ADdia"));
        assertNull(RequestTargetFilter.problemIn("/api/v1/customers/%2F"));
        assertTrue(RequestTargetFilter.problemIn("cursor=%zz").contains("percent-encoding"));
        assertTrue(RequestTargetFilter.problemIn("q=%").contains("percent-encoding"));
        assertTrue(RequestTargetFilter.problemIn("q=%4").contains("percent-encoding"));
        assertTrue(RequestTargetFilter.problemIn("q=%C3%28").contains("UTF-8"));
        assertTrue(RequestTargetFilter.problemIn("q=%FF").contains("UTF-8"));
    }
}
