package io.clientele.webhook.internal;

import io.clientele.integration.api.OutboundHttp;
import io.clientele.platform.api.domain.Refusal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of one webhook subscription, read from an integration's settings map, with the checks behind
 * {@link WebhookProvider#validate}.
 *
 * @param previousSecret      the secret being rotated out, signed with too until {@code previousSecretUntil}; or null
 * @param previousSecretUntil null when there is no previous secret
 */
record WebhookSettings(URI url, Set<String> events, String secret, String previousSecret, Instant previousSecretUntil) {

    static final String URL = "url";
    static final String EVENTS = "events";
    static final String SECRET = "secret";
    static final String PREVIOUS_SECRET = "previousSecret";
    static final String PREVIOUS_SECRET_UNTIL = "previousSecretUntil";

    /** The settings, or the refusal naming every bad field. */
    static WebhookSettings read(Map<String, Object> settings) {
        List<Refusal.Field> problems = new ArrayList<>();
        WebhookSettings read = read(settings, problems);
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return read;
    }

    /** What is wrong with the settings, one field per problem, the URL checked against the address rule too. */
    static List<Refusal.Field> problems(Map<String, Object> settings, OutboundHttp http) {
        List<Refusal.Field> problems = new ArrayList<>();
        WebhookSettings read = read(settings, problems);
        if (read.url() != null) {
            http.problemWith(read.url()).ifPresent(problem -> problems.add(field(URL, problem)));
        }
        return problems;
    }

    /** The secrets to sign with at {@code now}: the current one, and the previous one until its end. */
    List<String> secretsAt(Instant now) {
        boolean rotating = previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil);
        return rotating ? List.of(secret, previousSecret) : List.of(secret);
    }

    private static WebhookSettings read(Map<String, Object> settings, List<Refusal.Field> problems) {
        URI url = url(settings.get(URL), problems);
        Set<String> events = events(settings.get(EVENTS), problems);
        String secret = secret(SECRET, settings.get(SECRET), true, problems);
        String previousSecret = secret(PREVIOUS_SECRET, settings.get(PREVIOUS_SECRET), false, problems);
        Instant until = null;
        Object untilValue = settings.get(PREVIOUS_SECRET_UNTIL);
        if (untilValue != null) {
            try {
                until = OffsetDateTime.parse(String.valueOf(untilValue)).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(field(PREVIOUS_SECRET_UNTIL, "Must be a date and time with its offset, e.g. 2027-01-31T12:00:00Z."));
            }
            if (settings.get(PREVIOUS_SECRET) == null) {
                problems.add(field(PREVIOUS_SECRET_UNTIL, "Only with previousSecret: the end of its rotation."));
            }
        } else if (settings.get(PREVIOUS_SECRET) != null) {
            problems.add(field(PREVIOUS_SECRET_UNTIL,
                    "Required with previousSecret: until when deliveries are also signed with it."));
        }
        return new WebhookSettings(url, events, secret, previousSecret, previousSecret == null ? null : until);
    }

    private static URI url(Object value, List<Refusal.Field> problems) {
        if (!(value instanceof String text) || text.isBlank()) {
            problems.add(field(URL, "Required: the https URL deliveries are posted to."));
            return null;
        }
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            problems.add(field(URL, "Not a valid URL."));
            return null;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            problems.add(field(URL, "Must be an https URL."));
            return null;
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            problems.add(field(URL, "Must name a host."));
            return null;
        }
        return url;
    }

    private static Set<String> events(Object value, List<Refusal.Field> problems) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problems.add(field(EVENTS, "Choose at least one event."));
            return Set.of();
        }
        Set<String> events = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (Object item : list) {
            String type = String.valueOf(item);
            if (EventCatalog.topicOf(type).isEmpty()) {
                unknown.add(type);
            } else if (!events.add(type)) {
                problems.add(field(EVENTS, "Names " + type + " twice."));
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(field(EVENTS, "Unknown event " + String.join(", ", unknown) + "; known: "
                    + String.join(", ", EventCatalog.types()) + "."));
        }
        return Set.copyOf(events);
    }

    private static String secret(String name, Object value, boolean required, List<Refusal.Field> problems) {
        if (value == null) {
            if (required) {
                problems.add(field(name, "Required: " + WebhookSigner.SECRET_PREFIX + " followed by the base64 of "
                        + WebhookSigner.MIN_KEY_BYTES + " to " + WebhookSigner.MAX_KEY_BYTES + " random bytes."));
            }
            return null;
        }
        String secret = String.valueOf(value);
        try {
            WebhookSigner.key(secret);
            return secret;
        } catch (IllegalArgumentException e) {
            problems.add(field(name, e.getMessage()));
            return null;
        }
    }

    private static Refusal.Field field(String name, String message) {
        return new Refusal.Field("settings." + name, message);
    }

    /** Settings that do not pass their checks (a subscription stored before a rule tightened). */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(List<Refusal.Field> problems) {
            super("The webhook's settings are invalid: " + problems.stream()
                    .map(p -> p.field() + ": " + p.message()).collect(Collectors.joining(" ")));
        }
    }
}
