package io.clientele.platform.api.i18n;

import io.clientele.platform.api.context.RequestScope;
import java.util.List;
import java.util.Locale;

/**
 * The languages the server writes its texts in (problem details, field messages, history summaries): English, the
 * default, and Brazilian Portuguese. The REST edge reads each request's {@code Accept-Language} with {@link #accepted};
 * code running for the request reads it with {@link #current()}. A request without the header, or asking only for
 * languages the server does not speak, is answered in English, exactly as before there was a choice.
 */
public final class Locales {

    public static final Locale EN = Locale.ENGLISH;
    public static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    /** Every language the server speaks, the default first. */
    public static final List<Locale> SUPPORTED = List.of(EN, PT_BR);

    private Locales() {
    }

    /**
     * The supported language an {@code Accept-Language} header prefers (RFC 9110: quality values honoured; any
     * Portuguese is pt-BR); English when the header is absent, malformed or names none of ours.
     */
    public static Locale accepted(String header) {
        if (header == null || header.isBlank() || header.length() > 500) {
            return EN;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return EN;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0) {
                continue;
            }
            String tag = range.getRange().toLowerCase(Locale.ROOT);
            if (tag.equals("pt") || tag.startsWith("pt-")) {
                return PT_BR;
            }
            if (tag.equals("en") || tag.startsWith("en-") || tag.equals("*")) {
                return EN;
            }
        }
        return EN;
    }

    /** The supported language closest to {@code locale} (any Portuguese: pt-BR; anything else: English). */
    public static Locale supported(Locale locale) {
        return locale != null && "pt".equals(locale.getLanguage()) ? PT_BR : EN;
    }

    /** The language of the request this thread works for; English outside a request (shell, scheduled work). */
    public static Locale current() {
        Locale locale = RequestScope.locale();
        return locale == null ? EN : locale;
    }
}
