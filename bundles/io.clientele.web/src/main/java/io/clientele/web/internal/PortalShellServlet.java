package io.clientele.web.internal;

import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /portal/{agencySlug}/…}: the portal's one HTML page for every path below the agency's root (so the e-mailed
 * deep links — {@code activate?token=}, {@code reset?token=}, {@code pieces/{id}} — open it), which loads the shell's ES
 * module; the shell routes in the browser. An unknown agency is a 404 page.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.name=clientele-portal-shell",
        "osgi.http.whiteboard.servlet.pattern=/portal/*"})
public class PortalShellServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final Pattern PATH = Pattern.compile("/([a-z0-9][a-z0-9-]{0,62})(/.*)?");

    private final transient AgencyDirectory agencies;

    @Activate
    public PortalShellServlet(@Reference AgencyDirectory agencies) {
        this.agencies = agencies;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        var m = PATH.matcher(path);
        Optional<Agency> agency = m.matches() ? agency(m.group(1)) : Optional.empty();
        if (agency.isEmpty()) {
            send(response, 404, page("en", "", "Not found", null));
            return;
        }
        if (m.group(2) == null) {
            response.setStatus(302);
            response.setHeader("Location", "/portal/" + m.group(1) + "/");
            return;
        }
        String locale = agency.get().locale() == null ? Agency.DEFAULT_LOCALE : agency.get().locale();
        send(response, 200, page(locale, m.group(1), agency.get().name(), "/web/portal/app.js"));
    }

    private Optional<Agency> agency(String slug) {
        try {
            return agencies.findBySlug(slug);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void send(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The page: no inline script or style; the agency's slug and name ride in data attributes, HTML-escaped. */
    static String page(String lang, String slug, String agencyName, String script) {
        String head = "<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(agencyName) + "</title>"
                + "<link rel=\"icon\" href=\"/web/portal/favicon.svg\" type=\"image/svg+xml\">"
                + "<link rel=\"stylesheet\" href=\"/web/portal/portal.css\">"
                + (script == null ? "" : "<script type=\"module\" src=\"" + script + "\"></script>")
                + "</head>";
        if (script == null) {
            return head + "<body><main><h1>Not found</h1><p>There is no portal at this address.</p></main></body></html>\n";
        }
        return head + "<body data-agency-slug=\"" + escape(slug) + "\" data-agency-name=\"" + escape(agencyName)
                + "\" data-agency-locale=\"" + escape(lang) + "\">"
                + "<div id=\"app\"><p class=\"loading\">…</p></div>"
                + "<noscript><p>This portal needs JavaScript. / Este portal precisa de JavaScript.</p></noscript>"
                + "</body></html>\n";
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
