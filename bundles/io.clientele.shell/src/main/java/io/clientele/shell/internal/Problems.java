package io.clientele.shell.internal;

import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.rest.FieldError;
import io.clientele.platform.api.rest.ProblemException;

/** Prints a refused request the way the REST API would explain it. */
final class Problems {
    private Problems() {
    }

    static String describe(ProblemException e) {
        StringBuilder sb = new StringBuilder("Refused (").append(e.code()).append("): ").append(e.getMessage());
        for (FieldError f : e.errors()) {
            sb.append("\n  ").append(f.field()).append(": ").append(f.message());
        }
        return sb.toString();
    }

    /** A service's refusal, as the REST API would explain it: its kind's code, message and the fields at fault. */
    static String describe(Refusal e) {
        StringBuilder sb = new StringBuilder("Refused (").append(e.kind().code()).append("): ").append(e.getMessage());
        for (Refusal.Field f : e.fields()) {
            sb.append("\n  ").append(f.field()).append(": ").append(f.message());
        }
        return sb.toString();
    }
}
