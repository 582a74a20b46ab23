package io.clientele.platform.rest.internal;

import io.clientele.platform.api.rest.ProblemException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Message;

/**
 * Refuses, before any resource is matched, a request whose path or query string CXF could not decode: a
 * {@code %} not followed by two hex digits, or escapes that do not decode to UTF-8. Left to CXF, these fail
 * deep inside its request pre-processing or parameter injection as an unexpected error (a 500); here they are a 400
 * naming the part at fault. CXF reads the query parameters before any filter runs, so {@link ProblemMapper} also
 * asks {@link #problemWithCurrentTarget()} before it calls a failure the server's.
 */
@PreMatching
public class RequestTargetFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String problem = problemWithCurrentTarget();
        if (problem != null) {
            throw ProblemException.malformed(problem, null);
        }
    }

    /** What is wrong with the request target of the request being processed, or null when nothing is. */
    static String problemWithCurrentTarget() {
        Message message = JAXRSUtils.getCurrentMessage();
        if (message == null) {
            return null;
        }
        String problem = problemIn((String) message.get(Message.REQUEST_URI));
        if (problem != null) {
            return "The request path " + problem;
        }
        problem = problemIn((String) message.get(Message.QUERY_STRING));
        return problem == null ? null : "The query string " + problem;
    }

    /** Null when {@code raw} percent-decodes to valid UTF-8; otherwise what is wrong with it. */
    static String problemIn(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                return "has a malformed percent-encoding at character " + (i + 1)
                        + ": '%' must be followed by two hexadecimal digits.";
            }
            bytes.put((byte) (high * 16 + low));
            i += 2;
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return null;
        } catch (CharacterCodingException e) {
            return "has percent-escapes that are not valid UTF-8.";
        }
    }
}
