package io.clientele.platform.impl.internal.auth;

import io.clientele.platform.api.auth.PasswordPolicy;
import io.clientele.platform.api.rest.ProblemException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import io.clientele.platform.api.i18n.Messages;
import io.clientele.platform.api.rest.FieldError;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * 12–128 characters (counted as Unicode code points), no composition rules, and not one of the ~49,000
 * passwords of the shipped breach list (compared case-insensitively).
 */
@Component(service = PasswordPolicy.class)
public class BreachedListPasswordPolicy implements PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final String LIST = "/breached-passwords.txt";

    private final Set<String> breached;

    public BreachedListPasswordPolicy() {
        this.breached = load();
    }

    static Set<String> load() {
        Set<String> set = new HashSet<>(70_000);
        try (InputStream in = BreachedListPasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the bundle");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    set.add(line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + LIST, e);
        }
        return set;
    }

    int size() {
        return breached.size();
    }

    /** The password policy's texts (key {@code password.<code>}), in English and pt-BR. */
    static final Messages MESSAGES = Messages.of(BreachedListPasswordPolicy.class, "messages");

    @Override
    public Optional<String> problem(String password) {
        return error("password", password).map(FieldError::message);
    }

    @Override
    public Optional<FieldError> error(String field, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of(FieldError.required(field));
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of(error(field, "too_short", Map.of("min", MIN_LENGTH)));
        }
        if (length > MAX_LENGTH) {
            return Optional.of(error(field, "too_long", Map.of("max", MAX_LENGTH)));
        }
        if (breached.contains(password.toLowerCase(Locale.ROOT))) {
            return Optional.of(error(field, "weak_password", Map.of()));
        }
        return Optional.empty();
    }

    private static FieldError error(String field, String code, Map<String, Object> params) {
        return new FieldError(field, MESSAGES.text("password." + code, params), code, params);
    }

    @Override
    public void check(String field, String password) {
        error(field, password).ifPresent(e -> {
            throw ProblemException.invalid(e);
        });
    }
}
