package io.clientele.platform.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.i18n.Messages;
import io.clientele.platform.api.rest.FieldError;
import io.clientele.platform.api.rest.ProblemException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.apache.cxf.io.DelegatingInputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error shape. Client errors are logged at WARN (no stack), server faults at ERROR with the
 * correlation id that the response also carries; a fault's details never reach the client.
 */
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    static final String CORRELATION_HEADER = "X-Correlation-Id";
    static final String BEARER_CHALLENGE = "Bearer realm=\"clientele\"";
    static final String BASIC_CHALLENGE = "Basic realm=\"clientele-operator\", charset=\"UTF-8\"";

    @Override
    public Response toResponse(Throwable exception) {
        String correlationId = RequestContext.correlationId().orElseGet(() -> UUID.randomUUID().toString());
        Throwable refused = find(exception, ProblemException.class, Refusal.class);
        if (refused instanceof Refusal refusal) {
            return respond(statusOf(refusal.kind()), refusal.kind().code(), refusal.getMessage(),
                    refusal.fields().stream().map(f -> new FieldError(f.field(), f.message(), f.code(), f.params())).toList(), correlationId,
                    refusal.kind() == Refusal.Kind.BUSY ? retryAfter(refusal) : null, null, BEARER_CHALLENGE);
        }
        if (refused instanceof ProblemException problem) {
            String challenge = problem instanceof AuthenticationFilter.OperatorChallenge ? BASIC_CHALLENGE : BEARER_CHALLENGE;
            return respond(problem.status(), problem.code(), problem.getMessage(), problem.errors(), correlationId,
                    problem.retryAfterSeconds(), null, challenge);
        }
        JsonProcessingException json = find(exception, JsonProcessingException.class);
        if (json != null) {
            return respond(400, "malformed_request", Messages.PLATFORM.text("problem.malformed_json"), List.of(), correlationId, null, null, null);
        }
        String malformedTarget = RequestTargetFilter.problemWithCurrentTarget();
        if (malformedTarget != null) {
            return respond(400, "malformed_request", malformedTarget, List.of(), correlationId, null, null, null);
        }
        SQLException sql = find(exception, SQLException.class);
        if (sql != null && DatabaseFailures.isConflict(sql)) {
            LOG.warn("deadlock or serialization failure, correlation id {}: {} (SQLState {})", correlationId, sql.getMessage(), sql.getSQLState());
            return respond(409, "conflict", "Another change to the same data was made at the same moment; read it again and retry.",
                    List.of(), correlationId, null, null, null);
        }
        if (sql != null && DatabaseFailures.isTransient(sql)) {
            LOG.warn("database unavailable or busy, correlation id {}: {} (SQLState {})", correlationId, sql.getMessage(), sql.getSQLState());
            return respond(503, "service_unavailable", DatabaseFailures.detail(sql), List.of(), correlationId,
                    DatabaseFailures.RETRY_AFTER_SECONDS, null, null);
        }
        WebApplicationException web = find(exception, WebApplicationException.class);
        if (web != null && web.getResponse() != null && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            String allow = web instanceof NotAllowedException ? web.getResponse().getHeaderString(HttpHeaders.ALLOW) : null;
            return respond(status, codeFor(status), detailFor(status), List.of(), correlationId, null, allow, BEARER_CHALLENGE);
        }
        LOG.error("internal error, correlation id {}", correlationId, exception);
        return respond(500, "internal_error", "An unexpected error occurred. Quote correlation id " + correlationId
                + " when reporting it.", List.of(), correlationId, null, null, null);
    }

    static Response respond(int status, String code, String detail, List<FieldError> errors, String correlationId,
                            Long retryAfter, String allow, String challenge) {
        if (status < 500) {
            LOG.warn("{} {}: {}{}", status, code, detail, errors.isEmpty() ? "" : " " + errors);
        }
        Problem body = new Problem("https://clientele.io/problems/" + code.replace('_', '-'), titleFor(status), status,
                detail, code, errors, correlationId);
        Response.ResponseBuilder rb = Response.status(status).type(Problem.MEDIA_TYPE).entity(body)
                .header(CORRELATION_HEADER, correlationId);
        if (retryAfter != null) {
            rb.header("Retry-After", retryAfter);
        }
        if (status == 401 && challenge != null) {
            rb.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        if (allow != null) {
            rb.header(HttpHeaders.ALLOW, allow);
        }
        if (status == 413) {
            refuseRestOfBody();
            rb.header("Connection", "close");
        }
        return rb.build();
    }

    /**
     * Before CXF writes an answer it reads what is left of the request body (up to 16 MB) so that a client still
     * sending can read the answer on a kept-alive connection. For a body refused as too large that means reading on
     * what was just refused — and waiting for a client that announced more than it sends. So the rest is not read: the
     * answer goes out at once and the connection is closed after it.
     */
    private static void refuseRestOfBody() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Message in = message == null || message.getExchange() == null ? null : message.getExchange().getInMessage();
        DelegatingInputStream body = in == null ? null : in.getContent(DelegatingInputStream.class);
        if (body != null) {
            body.setInputStream(InputStream.nullInputStream());
        }
    }

    /**
     * The status a module's {@link Refusal} is answered with: the same as the {@code ProblemException} factory of that
     * meaning ({@code validation(…)}, {@code malformed(…)}, {@code notFound(…)}, {@code conflict(…)}, …).
     */
    static int statusOf(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID, MALFORMED -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case CHANGED -> 412;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_TYPE -> 415;
            case BUSY -> 503;
        };
    }

    private static Long retryAfter(Refusal refusal) {
        return refusal.retryAfterSeconds() == null ? null : Math.max(1, refusal.retryAfterSeconds());
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "malformed_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 412 -> "precondition_failed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            default -> status < 500 ? "malformed_request" : "internal_error";
        };
    }

    static String detailFor(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this path.";
            case 405 -> "This path does not accept that HTTP method.";
            case 406 -> "This resource answers application/json only.";
            case 415 -> "Send the request body as application/json.";
            case 413 -> "The request is too large.";
            default -> "The request could not be processed.";
        };
    }

    static String titleFor(int status) {
        Response.Status s = Response.Status.fromStatusCode(status);
        return s != null ? s.getReasonPhrase() : (status == 429 ? "Too Many Requests" : "Error");
    }

    /** The first throwable in the cause chain that is one of {@code types}. */
    private static Throwable find(Throwable t, Class<?>... types) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (Class<?> type : types) {
                if (type.isInstance(c)) {
                    return c;
                }
            }
        }
        return null;
    }

    private static <T> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
