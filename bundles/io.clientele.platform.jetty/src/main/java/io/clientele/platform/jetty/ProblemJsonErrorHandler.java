package io.clientele.platform.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own errors — requests refused before any servlet runs (a NUL in the path, a URI or header too
 * large) and errors no context handles — answered as {@code application/problem+json}, never as an HTML page.
 */
public class ProblemJsonErrorHandler extends ErrorHandler {

    static final String MEDIA_TYPE = "application/problem+json";

    public ProblemJsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        String correlationId = UUID.randomUUID().toString();
        fields.put(HttpHeader.CONTENT_TYPE, MEDIA_TYPE);
        fields.put("X-Correlation-Id", correlationId);
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(problem(status, correlationId).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        String correlationId = UUID.randomUUID().toString();
        baseRequest.setHandled(true);
        response.setStatus(code);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("X-Correlation-Id", correlationId);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        byte[] body = problem(code, correlationId).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static String problem(int status, String correlationId) {
        return problem(status, detailFor(status), "", correlationId);
    }

    /** The problem body; {@code detail} is JSON-escaped already, {@code errors} the JSON objects inside {@code "errors":[…]}. */
    static String problem(int status, String detail, String errors, String correlationId) {
        String code = codeFor(status);
        String title = HttpStatus.getMessage(status);
        return "{\"type\":\"https://clientele.io/problems/" + code.replace('_', '-') + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code
                + "\",\"errors\":[" + errors + "],\"correlationId\":\"" + correlationId + "\"}";
    }

    /** {@code text} as the inside of a JSON string (quotes, backslashes and control characters escaped). */
    static String jsonText(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    static String codeFor(int status) {
        switch (status) {
            case 404: return "not_found";
            case 405: return "method_not_allowed";
            case 413: case 414: case 431: return "payload_too_large";
            case 415: return "unsupported_media_type";
            default: return status >= 500 ? "internal_error" : "malformed_request";
        }
    }

    static String detailFor(int status) {
        switch (status) {
            case 404: return "There is nothing at this path.";
            case 414: return "The request URI is too long.";
            case 431: return "The request headers are too large.";
            case 413: return "The request is too large.";
            default: return status >= 500 ? "An unexpected error occurred." : "The request could not be read.";
        }
    }
}
