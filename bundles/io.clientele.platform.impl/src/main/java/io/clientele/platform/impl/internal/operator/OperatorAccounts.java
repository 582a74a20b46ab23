package io.clientele.platform.impl.internal.operator;

import io.clientele.platform.api.auth.PasswordHasher;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator account {@code admin}, stored only as a PBKDF2 hash in the shared database (every node
 * accepts the same password). Its password comes from configuration ({@code CLIENTELE_OPERATOR_PASSWORD});
 * without one, a random password is generated on the first start and shown once.
 */
@Component(service = OperatorAccounts.class, immediate = true, configurationPid = "io.clientele.operator",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OperatorConfig.class)
public class OperatorAccounts {

    public static final String OPERATOR = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAccounts.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Database database;
    private final PasswordHasher hasher;
    private final CompletableFuture<Void> passwordSetUp;

    @Activate
    public OperatorAccounts(@Reference Database database, @Reference PasswordHasher hasher, OperatorConfig config) {
        this.database = database;
        this.hasher = hasher;
        // PBKDF2 is slow on purpose, and slower still at boot before the JIT has compiled it: the password is set up on a
        // thread of its own so that it does not hold up the start of the platform; verify() waits for it.
        String configured = config.password();
        passwordSetUp = CompletableFuture.runAsync(() -> setUpPassword(configured),
                task -> new Thread(task, "clientele-operator-password").start());
    }

    private void setUpPassword(String configured) {
        try {
            Optional<String> stored = storedHash();
            if (configured != null && !configured.isBlank()) {
                if (stored.isEmpty() || !hasher.verify(configured, stored.get())) {
                    store(hasher.hash(configured), stored.isPresent());
                    LOG.info("operator '{}' password set from configuration", OPERATOR);
                }
            } else if (stored.isEmpty()) {
                String generated = randomPassword();
                store(hasher.hash(generated), false);
                String banner = "\n*** Clientele operator account created: user '" + OPERATOR + "', password '" + generated + "'"
                        + "\n*** It is shown only this once and stored only as a hash. Set CLIENTELE_OPERATOR_PASSWORD to choose your own.\n";
                LOG.warn(banner);
                System.out.println(banner); // the operator's console: the one place besides the log where it is shown
            }
        } catch (RuntimeException e) {
            LOG.error("cannot set up the operator account '{}': {}", OPERATOR, e.getMessage(), e);
        }
    }

    /** Whether the user name and password are those of an operator. */
    public boolean verify(String user, String password) {
        if (!OPERATOR.equals(user) || password == null) {
            return false;
        }
        passwordSetUp.join(); // a login in the first second after a start waits for the configured password
        return storedHash().map(h -> hasher.verify(password, h)).orElse(false);
    }

    private Optional<String> storedHash() {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT password_hash FROM platform_operator WHERE username = ?",
                rs -> rs.getString(1), OPERATOR));
    }

    private void store(String hash, boolean exists) {
        database.inTransaction(c -> exists
                ? Jdbc.update(c, "UPDATE platform_operator SET password_hash = ?, updated_at = ? WHERE username = ?", hash, Instant.now(), OPERATOR)
                : Jdbc.update(c, "INSERT INTO platform_operator (username, password_hash, updated_at) VALUES (?, ?, ?)", OPERATOR, hash, Instant.now()));
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
