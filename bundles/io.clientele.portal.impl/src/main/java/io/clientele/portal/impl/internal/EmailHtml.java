package io.clientele.portal.impl.internal;

import io.clientele.contact.api.PortalPolicy;
import io.clientele.platform.api.rest.FieldErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * The agency's e-mail texts: HTML cleaned by the OWASP Java HTML Sanitizer's allow-list (formatting, blocks, lists,
 * links, tables, images, inline styles — scripts, event handlers, forms, iframes and {@code javascript:} URLs are
 * dropped), with {@code {{placeholder}}}s checked against the names each text may use, filled in with HTML-escaped
 * values, and turned into the plain-text part of the mail.
 */
final class EmailHtml {

    static final int MAX_LENGTH = 20_000;

    /** Placeholders the invitation text may use. */
    static final Set<String> INVITATION = Set.of(PortalPolicy.CONTACT_NAME, PortalPolicy.ACTIVATION_LINK, PortalPolicy.AGENCY_NAME);
    /** Placeholders the auto-charge text may use. */
    static final Set<String> AUTO_CHARGE = Set.of("contactName", "agencyName", "invoiceNumber", "amount");

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES).and(Sanitizers.IMAGES).and(Sanitizers.STYLES)
            .and(new HtmlPolicyBuilder().allowElements("hr", "span", "div", "center").allowAttributes("align").onElements("p", "div", "td", "th")
                    .allowAttributes("title").globally().toFactory());

    /** A placeholder as written: two braces, a name, two braces (spaces inside allowed). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");
    /** What stands for a placeholder while the sanitiser runs (which would otherwise escape the braces). */
    private static final Pattern MARK = Pattern.compile("clienteleplaceholder([A-Za-z][A-Za-z0-9]*)x");

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table",
            "ul", "ol", "blockquote", "pre", "hr", "center");

    private EmailHtml() {
    }

    /**
     * The HTML sanitised, or null for a blank text; refuses (400 naming {@code field}) a text over
     * {@link #MAX_LENGTH}, an unknown placeholder and braces that open or close none.
     */
    static String clean(String field, String html, Set<String> allowed, FieldErrors errors) {
        if (html == null || html.isBlank()) {
            return null;
        }
        if (html.length() > MAX_LENGTH) {
            errors.add(field, "must be at most " + MAX_LENGTH + " characters");
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(html);
        StringBuilder marked = new StringBuilder();
        List<String> unknown = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1);
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
            m.appendReplacement(marked, "clienteleplaceholder" + name + "x");
        }
        m.appendTail(marked);
        if (!unknown.isEmpty()) {
            errors.add(field, "unknown placeholder(s) " + unknown + "; allowed: " + new java.util.TreeSet<>(allowed));
            return null;
        }
        if (marked.indexOf("{{") >= 0 || marked.indexOf("}}") >= 0) {
            errors.add(field, "has \"{{\" or \"}}\" that is not a placeholder such as {{contactName}}");
            return null;
        }
        String safe = POLICY.sanitize(marked.toString());
        String restored = MARK.matcher(safe).replaceAll(r -> Matcher.quoteReplacement("{{" + r.group(1) + "}}"));
        return restored.isBlank() ? null : restored;
    }

    /** Fills in a cleaned text's placeholders with {@code values}, HTML-escaped (a missing value: empty). */
    static String fill(String cleanHtml, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(cleanHtml);
        return m.replaceAll(r -> Matcher.quoteReplacement(escape(values.getOrDefault(r.group(1), ""))));
    }

    /** Whether the text uses the placeholder. */
    static boolean uses(String cleanHtml, String placeholder) {
        Matcher m = PLACEHOLDER.matcher(cleanHtml);
        while (m.find()) {
            if (m.group(1).equals(placeholder)) {
                return true;
            }
        }
        return false;
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The plain-text part of an HTML mail: its text, a line break per block, each link's address after its text.
     * Read through the sanitiser's parser (the HTML is already clean), not with patterns.
     */
    static String text(String html) {
        StringBuilder out = new StringBuilder();
        HtmlSanitizer.sanitize(html, new HtmlSanitizer.Policy() {
            private final List<String> hrefs = new ArrayList<>();

            @Override
            public void openDocument() {
            }

            @Override
            public void closeDocument() {
            }

            @Override
            public void openTag(String elementName, List<String> attrs) {
                if (BLOCKS.contains(elementName)) {
                    newline();
                }
                if ("li".equals(elementName)) {
                    out.append("- ");
                }
                if ("a".equals(elementName)) {
                    String href = null;
                    for (int i = 0; i + 1 < attrs.size(); i += 2) {
                        if ("href".equals(attrs.get(i))) {
                            href = attrs.get(i + 1);
                        }
                    }
                    hrefs.add(href);
                }
            }

            @Override
            public void closeTag(String elementName) {
                if ("a".equals(elementName) && !hrefs.isEmpty()) {
                    String href = hrefs.remove(hrefs.size() - 1);
                    if (href != null && !href.isBlank() && out.indexOf(href, Math.max(0, out.length() - href.length())) < 0) {
                        out.append(" (").append(href).append(')');
                    }
                }
                if (BLOCKS.contains(elementName)) {
                    newline();
                }
            }

            @Override
            public void text(String textChunk) {
                out.append(textChunk.replaceAll("\\s+", " "));
            }

            private void newline() {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
            }
        });
        return out.toString().lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("").strip() + "\n";
    }
}
