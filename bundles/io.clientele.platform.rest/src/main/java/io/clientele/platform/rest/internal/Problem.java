package io.clientele.platform.rest.internal;

import io.clientele.platform.api.rest.FieldError;
import java.util.List;

/** The RFC 9457 body of every error: {@code {"type","title","status","detail","code","errors","correlationId"}}. */
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors,
                      String correlationId) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
