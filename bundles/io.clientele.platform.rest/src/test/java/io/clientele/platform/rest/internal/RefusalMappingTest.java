package io.clientele.platform.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.rest.FieldError;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.api.upload.UploadService;
import java.util.List;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** A module's refusal reaches the client as exactly the problem+json of the ProblemException of the same meaning. */
class RefusalMappingTest {

    enum Reason { MISSING, BAD, TAKEN, STALE, NOPE, BIG, TYPE, CUT, LATER }

    static final class Refused extends Refusal {
        private static final long serialVersionUID = 1L;

        // the test's own enum, named in full: inside a Refusal, Reason alone is Refusal.Reason
        Refused(Kind kind, RefusalMappingTest.Reason reason, String message, List<Field> fields, Long retryAfter) {
            super(kind, reason, message, fields, retryAfter);
        }

        Refused(Kind kind, RefusalMappingTest.Reason reason, String message, List<Field> fields) {
            super(kind, reason, message, fields);
        }

        @Override
        public RefusalMappingTest.Reason reason() {
            return (RefusalMappingTest.Reason) super.reason();
        }
    }

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void everyKindIsAnsweredAsItsProblemExceptionWouldBe() {
        same(new Refused(Refusal.Kind.NOT_FOUND, Reason.MISSING, Refusal.notFoundMessage("Budget b-1"), null),
                ProblemException.notFound("Budget b-1"));
        same(new Refused(Refusal.Kind.INVALID, Reason.BAD, Refusal.INVALID_FIELDS,
                        List.of(new Refusal.Field("amount", "must be positive"), new Refusal.Field("currency", "must be BRL"))),
                ProblemException.validation(List.of(new FieldError("amount", "must be positive"), new FieldError("currency", "must be BRL"))));
        same(new Refused(Refusal.Kind.MALFORMED, Reason.CUT, "The body is cut off.", Refusal.field("file", "The body is cut off.")),
                ProblemException.malformed("The body is cut off.", "file"));
        same(new Refused(Refusal.Kind.CONFLICT, Reason.TAKEN, "The slug is taken.", Refusal.field("slug", "The slug is taken.")),
                ProblemException.conflict("slug", "The slug is taken."));
        same(new Refused(Refusal.Kind.CONFLICT, Reason.TAKEN, "The invoice is cancelled.", List.of()),
                ProblemException.conflict("The invoice is cancelled."));
        same(new Refused(Refusal.Kind.CHANGED, Reason.STALE, "Read it again.", List.of()), ProblemException.preconditionFailed("Read it again."));
        same(new Refused(Refusal.Kind.FORBIDDEN, Reason.NOPE, "Not yours.", List.of()), ProblemException.forbidden("Not yours."));
        same(new Refused(Refusal.Kind.TOO_LARGE, Reason.BIG, "Too large.", List.of()), ProblemException.payloadTooLarge("Too large."));
        same(new Refused(Refusal.Kind.UNSUPPORTED_TYPE, Reason.TYPE, "Send multipart.", List.of()),
                ProblemException.unsupportedMediaType("Send multipart."));
        same(new Refused(Refusal.Kind.BUSY, Reason.LATER, "Busy.", List.of(), 7L),
                new ProblemException(503, "service_unavailable", "Busy.", null, 7L));
    }

    @Test
    void aContractsRefusalMadeByTheFactoriesIsAnsweredAsItsProblemExceptionWouldBe() {
        AgencyDirectory.Refused.Reason reason = AgencyDirectory.Refused.Reason.AGENCY_NOT_FOUND;
        same(Refusal.notFound(AgencyDirectory.Refused::new, reason, "Agency acme"), ProblemException.notFound("Agency acme"));
        same(AgencyDirectory.Refused.invalid(List.of(new Refusal.Field("slug", "is required"))),
                ProblemException.validation(List.of(new FieldError("slug", "is required"))));
        same(Refusal.onField(AgencyDirectory.Refused::new, AgencyDirectory.Refused.Reason.INVALID_INPUT, "locale", "is not supported"),
                ProblemException.validation(List.of(new FieldError("locale", "is not supported"))));
        same(Refusal.onField(AgencyDirectory.Refused::new, AgencyDirectory.Refused.Reason.SLUG_TAKEN, "slug", "The slug is taken."),
                ProblemException.conflict("slug", "The slug is taken."));
        same(Refusal.of(AgencyDirectory.Refused::new, AgencyDirectory.Refused.Reason.SLUG_TAKEN, "The slug is taken."),
                ProblemException.conflict("The slug is taken."));
        same(new UploadService.Refused(UploadService.Refused.Reason.BUSY, "Busy.", List.of(), 7L),
                new ProblemException(503, "service_unavailable", "Busy.", null, 7L));
    }

    @Test
    void aRefusalIsFoundUnderAWrapperAndKeepsItsReason() {
        Refused missing = new Refused(Refusal.Kind.NOT_FOUND, Reason.MISSING, Refusal.notFoundMessage("Invoice i-9"), List.of());
        assertEquals(Reason.MISSING, missing.reason());
        Response r = mapper.toResponse(new IllegalStateException("in a transaction", missing));
        assertEquals(404, r.getStatus());
        assertEquals("not_found", ((Problem) r.getEntity()).code());
        assertEquals("Invoice i-9 was not found.", ((Problem) r.getEntity()).detail());
        assertNull(r.getHeaderString("Retry-After"));
    }

    @Test
    void aFieldsCodeAndParamsReachTheClientAndTheRequestsLanguageWordsTheDetail() {
        Refused bad = new Refused(Refusal.Kind.INVALID, Reason.BAD, Refusal.invalidFieldsMessage(), List.of(new Refusal.Field("comment", "must have at most 2000 characters", "too_long", java.util.Map.of("max", 2000))));
        same(bad, ProblemException.validation(List.of(new FieldError("comment", "must have at most 2000 characters", "too_long",
                java.util.Map.of("max", 2000)))));
        assertEquals(List.of(new FieldError("comment", "must have at most 2000 characters", "too_long", java.util.Map.of("max", 2000))),
                ((Problem) mapper.toResponse(bad).getEntity()).errors());
        io.clientele.platform.api.context.RequestScope.setLocale(io.clientele.platform.api.i18n.Locales.PT_BR);
        try {
            Refused missing = new Refused(Refusal.Kind.NOT_FOUND, Reason.MISSING, Refusal.notFoundMessage("Fatura i-9"), List.of());
            assertEquals("Não encontrado: Fatura i-9.", ((Problem) mapper.toResponse(missing).getEntity()).detail());
        } finally {
            io.clientele.platform.api.context.RequestScope.clear();
        }
    }

    private void same(Refusal refusal, ProblemException problem) {
        Response a = mapper.toResponse(refusal);
        Response b = mapper.toResponse(problem);
        assertEquals(b.getStatus(), a.getStatus(), refusal.toString());
        assertEquals(b.getMediaType(), a.getMediaType());
        Problem pa = (Problem) a.getEntity();
        Problem pb = (Problem) b.getEntity();
        assertEquals(new Problem(pb.type(), pb.title(), pb.status(), pb.detail(), pb.code(), pb.errors(), pa.correlationId()), pa,
                refusal.toString());
        assertEquals(b.getHeaderString("Retry-After"), a.getHeaderString("Retry-After"));
        assertEquals(b.getHeaderString("WWW-Authenticate"), a.getHeaderString("WWW-Authenticate"));
    }
}
