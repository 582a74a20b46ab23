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
import java.util.Optional;
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

    @Override
    public Optional<String> problem(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("must have at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("must have at most " + MAX_LENGTH + " characters");
        }
        if (breached.contains(password.toLowerCase(Locale.ROOT))) {
            return Optional.of("appears in a list of breached passwords; choose another");
        }
        return Optional.empty();
    }

    @Override
    public void check(String field, String password) {
        problem(password).ifPresent(p -> {
            throw ProblemException.invalid(field, p);
        });
    }
}
