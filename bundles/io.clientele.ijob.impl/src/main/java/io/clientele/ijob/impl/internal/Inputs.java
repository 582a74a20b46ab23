package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.StepType;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Formats;
import io.clientele.platform.api.rest.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies of the module and the checks they share, so every bad input is a 400 naming its field. */
public final class Inputs {

    static final int MAX_TITLE = 200;
    static final int MAX_COMMENT = 5000;
    static final int MAX_STEPS = 100;
    static final int MAX_URL = 1000;
    static final int MAX_PIECES = 100;
    static final int MAX_BRIEFING_ENTRIES = 100;
    static final int MAX_BRIEFING_QUESTION = 500;
    static final int MAX_BRIEFING_ANSWER = 5000;

    private Inputs() {
    }

    /** {@code estimatedCost}: a decimal string such as "250.00" in the budget's currency ({@code Money}'s input rule), committed against the budget when the budget module is installed. */
    public record NewJob(String customerId, String title, Boolean ijob, String templateId, String budgetId, Map<String, String> briefing,
                         String estimatedCost) {
    }

    public record NewPortalJob(String customerId, String title, Map<String, String> briefing) {
    }

    /** {@code reviewUrl}: an http or https link to what the customer reviews (optional). */
    public record NewPiece(String title, String reviewUrl, List<NewStep> steps) {
    }

    public record NewStep(String type, String name, String assigneeId, Instant dueAt) {
    }

    public record TemplateInput(String name, List<String> briefingQuestions, List<TemplatePieceInput> pieces) {
    }

    public record TemplatePieceInput(String title, List<TemplateStepInput> steps) {
    }

    public record TemplateStepInput(String type, String name, String assigneeId, Integer dueInDays) {
    }

    public record ChangeRequest(String comment) {
    }

    static <T> T body(T body) {
        if (body == null) {
            throw ProblemException.malformed("The request needs a JSON body.", null);
        }
        return body;
    }

    /** An id from a path or query: anything that cannot be one of ours reads as missing. */
    static String id(String id, String what) {
        if (id == null || id.isBlank() || id.length() > 36) {
            throw ProblemException.notFound(what + " " + (id == null ? "" : id.substring(0, Math.min(36, id.length()))));
        }
        return id;
    }

    static String text(FieldErrors errors, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.required(field);
            }
            return null;
        }
        String v = value.trim();
        if (v.length() > max) {
            errors.tooLong(field, max);
            return null;
        }
        return v;
    }

    /** An optional http or https link (a 400 naming {@code field} otherwise); null when absent or blank. */
    static String webUrl(FieldErrors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!Formats.isWebUrl(v, MAX_URL)) {
            errors.add(field, "must be an http or https URL of at most " + MAX_URL + " characters, such as https://example.com/proof.pdf");
            return null;
        }
        return v;
    }

    static StepType stepType(FieldErrors errors, String field, String value, boolean allowAlteration) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required (TASK or CUSTOMER_APPROVAL)");
            return null;
        }
        try {
            StepType t = StepType.valueOf(value.trim());
            if (t == StepType.CUSTOMER_ALTERATION && !allowAlteration) {
                errors.add(field, "CUSTOMER_ALTERATION steps are inserted by the workflow when the customer requests changes");
                return null;
            }
            return t;
        } catch (IllegalArgumentException e) {
            errors.add(field, "must be TASK or CUSTOMER_APPROVAL");
            return null;
        }
    }

    static Map<String, String> briefing(FieldErrors errors, String field, Map<String, String> briefing) {
        Map<String, String> out = new LinkedHashMap<>();
        if (briefing == null) {
            return out;
        }
        if (briefing.size() > MAX_BRIEFING_ENTRIES) {
            errors.add(field, "may hold at most " + MAX_BRIEFING_ENTRIES + " questions");
            return out;
        }
        briefing.forEach((q, a) -> {
            if (q == null || q.isBlank() || q.length() > MAX_BRIEFING_QUESTION) {
                errors.add(field, "questions must be 1 to " + MAX_BRIEFING_QUESTION + " characters");
            } else if (a != null && a.length() > MAX_BRIEFING_ANSWER) {
                errors.add(field + "." + q, "must be at most " + MAX_BRIEFING_ANSWER + " characters");
            } else {
                out.put(q.trim(), a == null ? "" : a);
            }
        });
        return out;
    }

    static Instant instant(FieldErrors errors, String field, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            errors.add(field, "must be an ISO-8601 UTC timestamp such as 2026-11-22T10:15:30Z");
            return null;
        }
        try {
            return Instant.parse(s.trim());
        } catch (DateTimeParseException e) {
            errors.add(field, "must be an ISO-8601 UTC timestamp such as 2026-11-22T10:15:30Z");
            return null;
        }
    }
}
