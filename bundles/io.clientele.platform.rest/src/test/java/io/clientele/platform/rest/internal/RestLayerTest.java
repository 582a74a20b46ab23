package io.clientele.platform.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    private final JsonProvider json = new JsonProvider(Json.mapper(), Validation.byProvider(HibernateValidator.class)
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
}
