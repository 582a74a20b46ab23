package io.clientele.platform.api.rest;

import java.net.URI;
import java.util.regex.Pattern;

/** Input formats checked the same way everywhere in the API. */
public final class Formats {

    /** A pragmatic e-mail shape: one @, no spaces, a dotted domain. Usable in {@code @Pattern(regexp = …)}. */
    public static final String EMAIL_REGEX = "^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$";
    private static final Pattern EMAIL = Pattern.compile(EMAIL_REGEX);
    public static final int EMAIL_MAX_LENGTH = 254;

    private Formats() {
    }

    public static boolean isEmail(String value) {
        return value != null && value.length() <= EMAIL_MAX_LENGTH && EMAIL.matcher(value).matches();
    }

    /** An absolute http or https URL with a host, at most {@code maxLength} characters. */
    public static boolean isWebUrl(String value, int maxLength) {
        if (value == null || value.length() > maxLength) {
            return false;
        }
        try {
            URI uri = URI.create(value);
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
