package io.clientele.web.internal;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;

/**
 * The headers of every page and asset of the web apps (OSGi HTTP Whiteboard filter on {@code /portal/*} and
 * {@code /web/*}, the assets of modules' screens included): a Content-Security-Policy that lets scripts, styles and
 * connections come from this origin only — no inline script, no inline style, no eval — no framing, no MIME sniffing,
 * and no referrer (the portal's links carry one-time tokens in their query).
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.name=clientele-web-security-headers",
        "osgi.http.whiteboard.filter.pattern=/portal/*",
        "osgi.http.whiteboard.filter.pattern=/web/*"})
public class SecurityHeaders implements Filter {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            apply(http);
        }
        chain.doFilter(request, response);
    }

    static void apply(HttpServletResponse http) {
        http.setHeader("Content-Security-Policy", CSP);
        http.setHeader("X-Content-Type-Options", "nosniff");
        http.setHeader("Referrer-Policy", "no-referrer");
        http.setHeader("X-Frame-Options", "DENY");
        http.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    }
}
