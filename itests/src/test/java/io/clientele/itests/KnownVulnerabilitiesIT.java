package io.clientele.itests;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * The offline stand-in for the OWASP dependency-check (whose NVD feed the build machines cannot reach): every jar the
 * built distribution ships in {@code system/} is compared with the advisories of {@code docs/known-vulnerabilities.csv}.
 * A jar in the affected range of a {@code refuse} advisory fails the build; {@code accepted} ones are printed with
 * their reason. The list is kept by hand: it catches a downgrade or a new feature that pulls an old version back in,
 * not a vulnerability nobody has written down.
 */
public class KnownVulnerabilitiesIT {

    private static final Pattern JAR = Pattern.compile("[^/]+/system/(.+)/([^/]+)/([^/]+)/\\2-\\3(-[^/]+)?\\.jar");

    record Shipped(String group, String artifact, String version) {
    }

    record Advisory(String group, String artifact, String range, String id, String fixedIn, String status) {
    }

    @Test
    public void noShippedJarIsInTheAffectedRangeOfARefusedAdvisory() throws Exception {
        List<Shipped> shipped = shippedJars(Paths.get(System.getProperty("clientele.distribution")));
        List<Advisory> advisories = advisories(Paths.get("..", "docs", "known-vulnerabilities.csv"));
        assertTrue("the distribution lists its jars", shipped.size() > 100);
        assertTrue("the advisories are read", advisories.size() >= 10);
        List<String> refused = new ArrayList<>();
        for (Advisory a : advisories) {
            for (Shipped s : shipped) {
                if (s.group().equals(a.group()) && s.artifact().equals(a.artifact()) && inRange(s.version(), a.range())) {
                    String line = s.group() + ":" + s.artifact() + ":" + s.version() + " is affected by " + a.id() + " (fixed in "
                            + a.fixedIn() + ")";
                    if (a.status().startsWith("accepted")) {
                        System.out.println("KnownVulnerabilitiesIT: " + line + " — " + a.status());
                    } else {
                        refused.add(line);
                    }
                }
            }
        }
        System.out.printf("KnownVulnerabilitiesIT: %d jars checked against %d advisories, %d refused%n", shipped.size(),
                advisories.size(), refused.size());
        assertTrue(String.join("\n", refused), refused.isEmpty());
    }

    @Test
    public void versionRangesCompareLikeMaven() {
        assertTrue(inRange("1.21", "[,1.26.0)"));
        assertTrue(!inRange("1.28.0", "[,1.26.0)"));
        assertTrue(!inRange("1.26.0", "[,1.26.0)"));
        assertTrue(inRange("5.2.3_1", "[,5.4.0)"));
        assertTrue(inRange("3.2.1", "[3.0,3.2.2)"));
        assertTrue(!inRange("2.9", "[3.0,3.2.2)"));
        assertTrue(inRange("2.13.4.1", "[,2.13.4.2)"));
        assertTrue(!inRange("2.21.0", "[,2.13.4.2)"));
        assertTrue(inRange("10.14.2.0", "[,10.14.3.0)"));
    }

    /** The jars under the distribution's system/ folder, read from its tar.gz. */
    static List<Shipped> shippedJars(Path distribution) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-tzf", distribution.toString()).redirectErrorStream(true).start();
        List<Shipped> jars = new ArrayList<>();
        for (String entry : new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            Matcher m = JAR.matcher(entry.trim());
            if (m.matches()) {
                jars.add(new Shipped(m.group(1).replace('/', '.'), m.group(2), m.group(3)));
            }
        }
        if (tar.waitFor() != 0) {
            throw new IOException("tar -tzf " + distribution + " failed");
        }
        return jars;
    }

    static List<Advisory> advisories(Path csv) throws IOException {
        List<Advisory> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (char c : line.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted && f.size() < 5) {
                    f.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            f.add(cell.toString());
            out.add(new Advisory(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5)));
        }
        return out;
    }

    /** Whether {@code version} is in a Maven range such as {@code [,1.26.0)} or {@code [3.0,3.2.2)}. */
    static boolean inRange(String version, String range) {
        boolean lowInclusive = range.startsWith("[");
        boolean highInclusive = range.endsWith("]");
        String[] bounds = range.substring(1, range.length() - 1).split(",", -1);
        String low = bounds[0].trim();
        String high = bounds[1].trim();
        if (!low.isEmpty()) {
            int c = compare(version, low);
            if (c < 0 || (c == 0 && !lowInclusive)) {
                return false;
            }
        }
        if (!high.isEmpty()) {
            int c = compare(version, high);
            return c < 0 || (c == 0 && highInclusive);
        }
        return true;
    }

    /** Compares versions part by part (numbers as numbers; a missing part counts as 0). */
    static int compare(String a, String b) {
        String[] x = a.split("[._-]");
        String[] y = b.split("[._-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c;
            if (p.matches("\\d+") && q.matches("\\d+")) {
                c = Long.compare(Long.parseLong(p), Long.parseLong(q));
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
