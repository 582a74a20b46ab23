package io.clientele.platform.rest.internal;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.context.RequestScope;
import io.clientele.platform.api.i18n.Locales;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.BrowserSession;
import io.clientele.platform.api.rest.OperatorEndpoint;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.PublicEndpoint;
import io.clientele.platform.api.rest.SessionEndpoint;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AccountLockedException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * Sets the request context for every request: who calls (staff bearer token, contact bearer token or browser session
 * cookie — with its CSRF header on unsafe methods —, or
 * operator Basic credentials checked against the Karaf JAAS realm {@code karaf}), whether that kind of caller
 * may reach the endpoint, whether its roles allow it, and — for a module's endpoints — whether the agency
 * subscribes to the module. The context is cleared when the response leaves.
 */
public class AuthenticationFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Pattern SAFE_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    static final String OPERATOR_ROLE = "admin";

    private final java.util.function.Function<Class<?>, String> moduleOf;
    private final SecurityServices services;

    @Context
    private ResourceInfo resourceInfo;

    @Context
    private HttpServletRequest servletRequest;

    AuthenticationFilter(java.util.function.Function<Class<?>, String> moduleOf, SecurityServices services) {
        this.moduleOf = moduleOf;
        this.services = services;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        RequestScope.clear();
        String incoming = request.getHeaderString(ProblemMapper.CORRELATION_HEADER);
        RequestScope.setCorrelationId(incoming != null && SAFE_CORRELATION_ID.matcher(incoming).matches()
                ? incoming : UUID.randomUUID().toString());
        // for the login throttle's per-address counts (it decides whether X-Forwarded-For is believed)
        RequestScope.setClient(new RequestContext.Client(servletRequest == null ? null : servletRequest.getRemoteAddr(),
                request.getHeaderString("X-Forwarded-For")));
        // the language of the texts the answer carries (problem details, field messages, history summaries): docs/i18n.md
        RequestScope.setLocale(Locales.accepted(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)));
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo == null ? null : resourceInfo.getResourceClass();
        String moduleId = type == null ? RestPublisher.CORE : moduleOf.apply(type);
        if (moduleId == null) {
            // the resource's module is being uninstalled: answer as its endpoints will answer once it is gone
            throw new ProblemException(404, "not_found", "There is nothing at this path.", null, null);
        }
        if (has(method, type, PublicEndpoint.class)) {
            return;
        }
        if (has(method, type, OperatorEndpoint.class)) {
            RequestScope.set(authenticateOperator(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
            return;
        }
        SessionService sessions = services.sessions();
        AgencyDirectory agencies = services.agencies();
        if (sessions == null || agencies == null) {
            throw ProblemException.unavailable("The platform is starting; try again in a moment.");
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token;
        boolean fromCookie = false;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        } else if (authorization == null
                && (token = BrowserSession.cookie(request.getHeaderString(HttpHeaders.COOKIE), BrowserSession.ACCESS_COOKIE)) != null) {
            // a contact's browser session (docs/security.md): unsafe methods must repeat the CSRF cookie in the header
            fromCookie = true;
            if (BrowserSession.unsafe(request.getMethod()) && !BrowserSession.csrfMatches(
                    BrowserSession.cookie(request.getHeaderString(HttpHeaders.COOKIE), BrowserSession.CSRF_COOKIE),
                    request.getHeaderString(BrowserSession.CSRF_HEADER))) {
                throw ProblemException.forbidden("Send the session's CSRF token in the " + BrowserSession.CSRF_HEADER + " header.");
            }
        } else {
            throw ProblemException.unauthorized("Send an access token: Authorization: Bearer <accessToken>.");
        }
        Principal principal = sessions.authenticate(token);
        if (fromCookie && principal.kind() != PrincipalKind.CONTACT) {
            throw ProblemException.unauthorized("The session cookie holds no contact's session.");
        }
        boolean anySession = has(method, type, SessionEndpoint.class);
        boolean portal = has(method, type, PortalEndpoint.class);
        if (!anySession && portal && principal.kind() != PrincipalKind.CONTACT) {
            throw ProblemException.forbidden("This endpoint is for customers' contacts through the portal.");
        }
        if (!anySession && !portal && principal.kind() != PrincipalKind.STAFF) {
            throw ProblemException.forbidden("Portal sessions only reach /portal endpoints.");
        }
        RequestScope.set(principal);
        AllowedRoles allowed = annotation(method, type, AllowedRoles.class);
        if (allowed != null && !principal.hasAnyRole(allowed.value())) {
            throw ProblemException.forbidden("This needs one of the roles " + Set.of(allowed.value()) + ".");
        }
        if (!moduleId.isEmpty() && !agencies.isSubscribed(principal.agencyId(), moduleId)) {
            throw ProblemException.moduleNotEnabled(moduleId);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        RequestContext.correlationId().ifPresent(id -> response.getHeaders().putSingle(ProblemMapper.CORRELATION_HEADER, id));
        RequestScope.clear();
    }

    static Principal authenticateOperator(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw operatorChallenge("Operator endpoints need HTTP Basic credentials.");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw operatorChallenge("The Basic credentials are not valid base64.");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw operatorChallenge("The Basic credentials are malformed.");
        }
        String user = decoded.substring(0, colon);
        char[] password = decoded.substring(colon + 1).toCharArray();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(AuthenticationFilter.class.getClassLoader());
        try {
            LoginContext login = new LoginContext("karaf", callbacks -> {
                for (Callback c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(user);
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(password);
                    }
                }
            });
            login.login();
            boolean admin = login.getSubject().getPrincipals(RolePrincipal.class).stream()
                    .anyMatch(r -> OPERATOR_ROLE.equals(r.getName()));
            if (!admin) {
                throw ProblemException.forbidden("The operator needs the role '" + OPERATOR_ROLE + "'.");
            }
            return new Principal(PrincipalKind.OPERATOR, user, user, null, null, Set.<Role>of(), null);
        } catch (AccountLockedException e) {
            throw refused(e);
        } catch (LoginException e) {
            throw operatorChallenge("Wrong operator credentials.");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static final Pattern REFUSAL = Pattern.compile("refused status=(\\d{3}) code=([a-z_]+) retry-after=(\\d{1,9})");

    /**
     * The operator realm refused to check the password at all (too many guesses: 429; no free hashing slot: 503),
     * saying so in an {@link AccountLockedException} whose message the realm's login module writes
     * ({@code refused status=… code=… retry-after=…}).
     */
    static ProblemException refused(AccountLockedException e) {
        java.util.regex.Matcher m = REFUSAL.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (!m.find()) {
            return ProblemException.rateLimited("Too many operator login attempts; try again later.", 60);
        }
        int status = Integer.parseInt(m.group(1));
        long retryAfter = Long.parseLong(m.group(3));
        return status == 503
                ? new ProblemException(503, "service_unavailable", "Too many password checks at once; try again in a moment.", null, retryAfter)
                : ProblemException.rateLimited("Too many failed operator logins. Try again in " + retryAfter + " seconds.", retryAfter);
    }

    private static ProblemException operatorChallenge(String detail) {
        return new OperatorChallenge(detail);
    }

    /** A 401 on an operator endpoint: the client is asked for Basic credentials of the Karaf realm. */
    static final class OperatorChallenge extends ProblemException {
        private static final long serialVersionUID = 1L;

        OperatorChallenge(String detail) {
            super(401, "unauthorized", detail, null, null);
        }
    }

    private static boolean has(Method method, Class<?> type, Class<? extends Annotation> annotation) {
        return annotation(method, type, annotation) != null;
    }

    private static <A extends Annotation> A annotation(Method method, Class<?> type, Class<A> annotation) {
        A found = method == null ? null : method.getAnnotation(annotation);
        if (found == null && type != null) {
            found = type.getAnnotation(annotation);
        }
        return found;
    }
}
