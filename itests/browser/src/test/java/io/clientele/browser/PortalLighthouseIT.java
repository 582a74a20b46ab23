package io.clientele.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Google Lighthouse (the npm package, run against Debian's chromium: no browser download) on the portal's login page,
 * Home and the pieces list of a logged-in contact, with its mobile defaults (a phone's screen, simulated slow 4G and
 * CPU). Every accessibility and best-practices audit must pass (score 1.0; a missing favicon, say, is a console error
 * and fails best practices); every score and the pages' timings are written to
 * {@code target/lighthouse/summary.txt} (and each page's full report beside it, HTML and JSON) for docs/benchmarks.md.
 * Performance is reported, not asserted: Lighthouse's simulation starts from the CPU time it observes, which a shared
 * machine's load inflates. Skipped, saying so, where {@code lighthouse} is not at hand ({@code .ci/run} installs it with
 * npm; {@code -Dclientele.lighthouse=<path>} or the PATH).
 */
class PortalLighthouseIT extends BrowserTestSupport {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path OUT = Path.of(System.getProperty("project.build.directory", "target"), "lighthouse");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "lena's own long passphrase";

    /** Accessibility and best-practices scores (0–1) every audited page must reach: all of their audits pass. */
    private static final double ACCESSIBILITY_FLOOR = 1.0;
    private static final double BEST_PRACTICES_FLOOR = 1.0;

    @Test
    void loginHomeAndPiecesPassLighthousesAccessibilityAndBestPractices() throws Exception {
        String lighthouse = lighthouse();
        assumeTrue(lighthouse != null && Files.isExecutable(CHROMIUM),
                "Skipped: no lighthouse (npm install lighthouse; -Dclientele.lighthouse=<path>) or no /usr/bin/chromium");
        String admin = platform.agency("lighthouse", "en", "ijob", "portal", "monthly-fee");
        String customerId = platform.ok(platform.call("POST", "/api/v1/customers", admin, Map.of("name", "Lamp Works",
                "companyName", "Lamp Works Ltd", "portalAccess", true)), 201).json().path("id").asText();
        activatedContact(admin, customerId, "Lena", "lena@lamp.test", PASSWORD);
        // a job with a piece awaiting Lena's approval, so that Home and the pieces list have something to show
        String jobId = platform.ok(platform.call("POST", "/api/v1/jobs", admin, Map.of("customerId", customerId, "title", "Autumn catalogue",
                "ijob", true)), 201).json().path("id").asText();
        platform.ok(platform.call("POST", "/api/v1/jobs/" + jobId + "/pieces", admin, Map.of("title", "Cover",
                "steps", List.of(Map.of("type", "CUSTOMER_APPROVAL", "name", "Cover approval")))), 201);

        // the browser session as the web app gets it: HttpOnly cookies from a cookie login
        Platform.Answer login = platform.ok(platform.call("POST", "/api/v1/portal/auth/login", null, Map.of("agency", "lighthouse",
                "email", "lena@lamp.test", "password", PASSWORD), "X-Clientele-Session", "cookie"), 200);
        String cookies = String.join("; ", login.all("Set-Cookie").stream().map(c -> c.substring(0, c.indexOf(';'))).toList());
        Files.createDirectories(OUT);
        Path headers = OUT.resolve("session-headers.json");
        Files.writeString(headers, JSON.writeValueAsString(Map.of("Cookie", cookies)));

        Map<String, JsonNode> reports = new LinkedHashMap<>();
        reports.put("login", audit(lighthouse, "/portal/lighthouse/login", "login", null));
        reports.put("home", audit(lighthouse, "/portal/lighthouse/", "home", headers));
        reports.put("pieces", audit(lighthouse, "/portal/lighthouse/pieces", "pieces", headers));

        StringBuilder summary = new StringBuilder();
        List<String> below = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : reports.entrySet()) {
            JsonNode r = e.getValue();
            JsonNode categories = r.path("categories");
            double a11y = categories.path("accessibility").path("score").asDouble();
            double practices = categories.path("best-practices").path("score").asDouble();
            double performance = categories.path("performance").path("score").asDouble();
            JsonNode audits = r.path("audits");
            summary.append(String.format(Locale.ROOT, "%s (%s): performance %.2f, accessibility %.2f, best practices %.2f; "
                            + "FCP %.0f ms, LCP %.0f ms, TBT %.0f ms, CLS %.3f (simulated: %s)%n", e.getKey(), r.path("finalDisplayedUrl").asText(),
                    performance, a11y, practices, audits.path("first-contentful-paint").path("numericValue").asDouble(),
                    audits.path("largest-contentful-paint").path("numericValue").asDouble(),
                    audits.path("total-blocking-time").path("numericValue").asDouble(),
                    audits.path("cumulative-layout-shift").path("numericValue").asDouble(),
                    r.path("configSettings").path("throttlingMethod").asText()));
            // an audit page that is not the one asked for (a redirect to the login page) would score something else
            assertTrue(r.path("finalDisplayedUrl").asText().endsWith(r.path("requestedUrl").asText().replaceFirst("^https?://[^/]+", "")),
                    e.getKey() + " ended at " + r.path("finalDisplayedUrl").asText());
            if (a11y < ACCESSIBILITY_FLOOR) {
                below.add(e.getKey() + ": accessibility " + a11y + " " + failing(r, "accessibility"));
            }
            if (practices < BEST_PRACTICES_FLOOR) {
                below.add(e.getKey() + ": best practices " + practices + " " + failing(r, "best-practices"));
            }
        }
        System.out.print(summary);
        Files.writeString(OUT.resolve("summary.txt"), summary);
        // Home drew the contact's piece (Lighthouse audited the page with the session, not an empty shell)
        assertTrue(reports.get("home").path("audits").path("largest-contentful-paint-element").toString().length() > 2);
        assertEquals(List.of(), below, "Lighthouse categories under their floor:\n" + summary);
    }

    /** Runs Lighthouse on one page; its JSON report (the HTML one is written beside it). */
    private static JsonNode audit(String lighthouse, String path, String name, Path headers) throws Exception {
        List<String> command = new ArrayList<>(List.of(lighthouse, platform.origin() + path,
                "--only-categories=performance,accessibility,best-practices", "--output=json", "--output=html",
                "--output-path=" + OUT.resolve(name), "--quiet", "--max-wait-for-load=60000",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
                        + "--disable-background-networking --disable-component-update --disable-sync"));
        if (headers != null) {
            command.add("--extra-headers=" + headers);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(OUT.resolve(name + ".log").toFile());
        pb.environment().put("CHROME_PATH", CHROMIUM.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "lighthouse on " + path + " did not finish in 5 minutes");
        Path report = OUT.resolve(name + ".report.json");
        assertTrue(p.exitValue() == 0 && Files.exists(report), "lighthouse on " + path + " failed (exit " + p.exitValue() + "): "
                + Files.readString(OUT.resolve(name + ".log"), StandardCharsets.UTF_8));
        JsonNode r = JSON.readTree(report.toFile());
        assertTrue(r.path("runtimeError").isMissingNode(), path + ": " + r.path("runtimeError"));
        return r;
    }

    /** The category's audits that did not pass, for the failure message. */
    private static List<String> failing(JsonNode report, String category) {
        List<String> ids = new ArrayList<>();
        report.path("categories").path(category).path("auditRefs").forEach(ref -> {
            JsonNode audit = report.path("audits").path(ref.path("id").asText());
            if (ref.path("weight").asDouble() > 0 && !audit.path("score").isNull() && audit.path("score").asDouble() < 1) {
                ids.add(audit.path("id").asText() + " (" + audit.path("title").asText() + ")");
            }
        });
        return ids;
    }

    /** {@code -Dclientele.lighthouse}, else {@code lighthouse} on the PATH, else null. */
    private static String lighthouse() {
        String given = System.getProperty("clientele.lighthouse");
        if (given != null && !given.isBlank()) {
            return given;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "lighthouse");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
