package io.clientele.integration.api;

import java.util.Objects;

/**
 * What {@link IntegrationProvider#receive} made of an inbound call, answered to the caller: {@link #accepted()} as
 * {@code 204}; a refusal as {@code application/problem+json} with the given status (e.g. 401 for a bad signature, 409
 * for a replayed message, 400 for a body it cannot read) and message.
 */
public record InboundAnswer(int status, String message) {

    public InboundAnswer {
        if (status < 200 || status > 499) {
            throw new IllegalArgumentException("an inbound answer is a 2xx or a 4xx status, not " + status);
        }
        Objects.requireNonNull(message, "message");
    }

    public static InboundAnswer accepted() {
        return new InboundAnswer(204, "Accepted.");
    }

    public static InboundAnswer refused(int status, String message) {
        return new InboundAnswer(status, message);
    }

    public boolean isAccepted() {
        return status < 300;
    }
}
