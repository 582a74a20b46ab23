package io.clientele.platform.rest.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON reading limits in force, with the mapper that enforces the parser's part of them (nesting, string and
 * number lengths, document length). Replaced as a whole when the configuration changes.
 */
record JsonLimits(long maxBodyBytes, ObjectMapper mapper) {

    static JsonLimits of(RestLimitsConfig config) {
        return of(config.maxJsonBodyBytes(), config.maxJsonNestingDepth(), config.maxJsonStringLength(),
                config.maxJsonNumberLength());
    }

    static JsonLimits of(long maxBodyBytes, int maxNestingDepth, int maxStringLength, int maxNumberLength) {
        if (maxBodyBytes < 1 || maxNestingDepth < 1 || maxStringLength < 1 || maxNumberLength < 1) {
            throw new IllegalArgumentException("JSON limits must be positive: body " + maxBodyBytes + ", nesting "
                    + maxNestingDepth + ", string " + maxStringLength + ", number " + maxNumberLength);
        }
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxDocumentLength(maxBodyBytes)
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNameLength(Math.min(maxStringLength, 50_000))
                .maxNumberLength(maxNumberLength)
                .build();
        return new JsonLimits(maxBodyBytes, Json.mapper(constraints));
    }

    /** The shipped defaults (also what unit tests read with). */
    static JsonLimits defaults() {
        return of(1_048_576, 64, 262_144, 100);
    }
}
