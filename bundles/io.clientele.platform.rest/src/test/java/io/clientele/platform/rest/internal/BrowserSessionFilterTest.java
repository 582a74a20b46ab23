package io.clientele.platform.rest.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.rest.BrowserSession;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.SessionEndpoint;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ResourceInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request filter's browser session: the access cookie stands for a contact's bearer token, CSRF on unsafe methods. */
class BrowserSessionFilterTest {

    @PortalEndpoint
    static class PortalThing {
        public void read() {
        }
    }

    static class StaffThing {
        public void read() {
        }
    }

    @SessionEndpoint
    static class AnyThing {
        public void read() {
        }
    }

    private static final Principal CONTACT = new Principal(PrincipalKind.CONTACT, "c1", "Carla", "a1", "acme", Set.of(), "s1");
    private static final Principal STAFF = new Principal(PrincipalKind.STAFF, "u1", "Ana", "a1", "acme", Set.of(Role.ADMIN), "s2");

    @AfterEach
    void clear() {
        io.clientele.platform.api.context.RequestScope.clear();
    }

    @Test
    void theAccessCookieAuthenticatesAContactOnSafeMethods() throws Exception {
        filter(PortalThing.class, "GET", Map.of("Cookie", "other=1; clientele_portal=contact-token"));
        assertEquals("c1", RequestContext.principal().id());
    }

    @Test
    void unsafeMethodsWithTheCookieNeedTheCsrfHeaderRepeatingTheCsrfCookie() throws Exception {
        String cookies = "clientele_portal=contact-token; clientele_csrf=abc123";
        ProblemException missing = assertThrows(ProblemException.class, () -> filter(PortalThing.class, "POST", Map.of("Cookie", cookies)));
        assertEquals(403, missing.status());
        ProblemException wrong = assertThrows(ProblemException.class,
                () -> filter(PortalThing.class, "PATCH", Map.of("Cookie", cookies, BrowserSession.CSRF_HEADER, "abc124")));
        assertEquals(403, wrong.status());
        ProblemException noCookie = assertThrows(ProblemException.class,
                () -> filter(PortalThing.class, "DELETE", Map.of("Cookie", "clientele_portal=contact-token", BrowserSession.CSRF_HEADER, "x")));
        assertEquals(403, noCookie.status());
        assertDoesNotThrow(() -> filter(PortalThing.class, "POST", Map.of("Cookie", cookies, BrowserSession.CSRF_HEADER, "abc123")));
        assertEquals("c1", RequestContext.principal().id());
    }

    @Test
    void aBearerTokenNeedsNoCsrfHeaderAndWinsOverTheCookie() throws Exception {
        filter(StaffThing.class, "POST", Map.of("Authorization", "Bearer staff-token", "Cookie", "clientele_portal=contact-token"));
        assertEquals("u1", RequestContext.principal().id());
    }

    @Test
    void theCookieNeverReachesStaffEndpointsNorCarriesAStaffSession() {
        ProblemException staffEndpoint = assertThrows(ProblemException.class,
                () -> filter(StaffThing.class, "GET", Map.of("Cookie", "clientele_portal=contact-token")));
        assertEquals(403, staffEndpoint.status());
        ProblemException staffInCookie = assertThrows(ProblemException.class,
                () -> filter(PortalThing.class, "GET", Map.of("Cookie", "clientele_portal=staff-token")));
        assertEquals(401, staffInCookie.status());
        ProblemException none = assertThrows(ProblemException.class, () -> filter(PortalThing.class, "GET", Map.of()));
        assertEquals(401, none.status());
    }

    @Test
    void sessionEndpointsTakeBothKinds() throws Exception {
        filter(AnyThing.class, "GET", Map.of("Authorization", "Bearer staff-token"));
        assertEquals(PrincipalKind.STAFF, RequestContext.principal().kind());
        filter(AnyThing.class, "GET", Map.of("Cookie", "clientele_portal=contact-token"));
        assertEquals(PrincipalKind.CONTACT, RequestContext.principal().kind());
    }

    @Test
    void theCookiesAreHttpOnlyStrictAndSecureOverTls() {
        List<String> plain = BrowserSession.open("a", "r", false);
        assertTrue(plain.get(0).startsWith("clientele_portal=a; Path=/api/v1; SameSite=Strict; HttpOnly"), plain.get(0));
        assertTrue(plain.get(1).startsWith("clientele_portal_refresh=r; Path=/api/v1/portal/auth; SameSite=Strict; HttpOnly"));
        assertTrue(!plain.get(2).contains("HttpOnly") && plain.get(2).startsWith("clientele_csrf="), "the page's script reads the CSRF cookie");
        assertTrue(plain.stream().noneMatch(c -> c.contains("Secure")));
        assertTrue(BrowserSession.open("a", "r", true).stream().allMatch(c -> c.endsWith("; Secure")));
        assertTrue(BrowserSession.clear(false).stream().allMatch(c -> c.endsWith("Max-Age=0")));
        String csrf1 = plain.get(2).split(";")[0];
        String csrf2 = BrowserSession.open("a", "r", false).get(2).split(";")[0];
        assertTrue(csrf1.length() > 40 && !csrf1.equals(csrf2), "a fresh random CSRF token per session");
    }

    private static void filter(Class<?> resource, String method, Map<String, String> headers) throws Exception {
        SessionService sessions = (SessionService) Proxy.newProxyInstance(SessionService.class.getClassLoader(),
                new Class<?>[] {SessionService.class}, (p, m, args) -> {
                    if (m.getName().equals("authenticate")) {
                        return switch ((String) args[0]) {
                            case "contact-token" -> CONTACT;
                            case "staff-token" -> STAFF;
                            default -> throw ProblemException.unauthorized("bad token");
                        };
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        AgencyDirectory agencies = (AgencyDirectory) Proxy.newProxyInstance(AgencyDirectory.class.getClassLoader(),
                new Class<?>[] {AgencyDirectory.class}, (p, m, args) -> m.getName().equals("isSubscribed") ? Boolean.TRUE : null);
        AuthenticationFilter filter = new AuthenticationFilter(type -> "", new SecurityServices() {
            @Override
            public SessionService sessions() {
                return sessions;
            }

            @Override
            public AgencyDirectory agencies() {
                return agencies;
            }
        });
        Method read = resource.getMethod("read");
        ResourceInfo info = (ResourceInfo) Proxy.newProxyInstance(ResourceInfo.class.getClassLoader(), new Class<?>[] {ResourceInfo.class},
                (p, m, args) -> m.getName().equals("getResourceMethod") ? read : resource);
        Field field = AuthenticationFilter.class.getDeclaredField("resourceInfo");
        field.setAccessible(true);
        field.set(filter, info);
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(ContainerRequestContext.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (p, m, args) -> switch (m.getName()) {
                    case "getHeaderString" -> lower.get(((String) args[0]).toLowerCase());
                    case "getMethod" -> method;
                    default -> null;
                });
        filter.filter(request);
    }
}
