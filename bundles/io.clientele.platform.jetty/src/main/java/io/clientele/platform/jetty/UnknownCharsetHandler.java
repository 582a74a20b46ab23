package io.clientele.platform.jetty;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Refuses a request whose {@code Content-Type} names a charset this JVM does not know
 * ({@code application/json; charset=foo}) with 415 problem+json naming the header, before any servlet sees it: CXF
 * checks the charset before any JAX-RS filter or exception mapper runs and fails with an exception the servlet
 * container turns into an HTML 500. Wraps Pax Web's handler of every context (see etc/jetty.xml).
 */
public class UnknownCharsetHandler extends HandlerWrapper {

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String charset = charsetOf(request.getHeader("Content-Type"));
        if (charset != null && !known(charset)) {
            refuse(baseRequest, response, charset);
            return;
        }
        super.handle(target, baseRequest, request, response);
    }

    /** The {@code charset} parameter of a Content-Type header, unquoted; null when there is none. */
    static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("charset")) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    static boolean known(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    private static void refuse(Request baseRequest, HttpServletResponse response, String charset) throws IOException {
        String correlationId = UUID.randomUUID().toString();
        baseRequest.setHandled(true);
        response.setStatus(415);
        response.setContentType(ProblemJsonErrorHandler.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("X-Correlation-Id", correlationId);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Connection", "close"); // the body is not read
        byte[] body = ProblemJsonErrorHandler.problem(415, "The request's Content-Type names a charset this server does not read ('"
                + ProblemJsonErrorHandler.jsonText(charset.length() > 40 ? charset.substring(0, 40) + "…" : charset)
                + "'); send UTF-8.", "{\"field\":\"Content-Type\",\"message\":\"names an unknown charset\"}", correlationId)
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
