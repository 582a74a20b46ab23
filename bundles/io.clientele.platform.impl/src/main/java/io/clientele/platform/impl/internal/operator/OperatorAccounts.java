package io.clientele.platform.impl.internal.operator;

import io.clientele.platform.api.auth.LoginThrottle;
import io.clientele.platform.api.auth.PasswordHasher;
import io.clientele.platform.api.auth.PasswordPolicy;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.impl.internal.db.DatabaseManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator account {@code admin}, stored only as a PBKDF2 hash in the shared database (every node
 * accepts the same password). Its password comes from configuration ({@code CLIENTELE_OPERATOR_PASSWORD}), and must
 * pass the platform's password policy: a weak one is refused with an ERROR naming the reason, and no operator login
 * is accepted until it is replaced. Without one, a random password is generated on the first start, written to
 * {@code data/operator-password} (readable only by the owner of the process) and printed once on the console; the log
 * says where it is, never what it is.
 */
@Component(service = OperatorAccounts.class, immediate = true, configurationPid = "io.clientele.operator",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OperatorConfig.class)
public class OperatorAccounts {

    public static final String OPERATOR = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAccounts.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** Karaf registers a service of this class once the boot features are installed (nothing is imported from it). */
    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";
    /** The longest the password set-up waits for the boot to finish (a boot feature that fails never finishes it). */
    static final long BOOT_WAIT_SECONDS = 120;

    private final Database database;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final String configured;
    private volatile boolean configuredRefused;
    private final AtomicBoolean setUpStarted = new AtomicBoolean();
    private final CompletableFuture<Void> passwordSetUp = new CompletableFuture<>();
    private final ServiceTracker<Object, Object> bootFinished;
    private final LoginThrottle throttle;
    private final OperatorCredentialCache verified;

    /**
     * PBKDF2 is slow on purpose, and several times slower still while the platform boots: the JIT is busy compiling
     * everything else, so the hash runs as unoptimised code on cores the boot needs (310,000 iterations took ~1.5 s of
     * CPU there, ~0.2 s once compiled). So the password is set up on a thread of its own once Karaf reports its boot
     * features installed and the database has finished opening (the persistence units, stores and resources that
     * waited for it have started: {@link DatabaseManager#opened()}), after at most {@link #BOOT_WAIT_SECONDS}, or at
     * once when an operator logs in first: {@link #verify} starts it if need be and waits for it.
     */
    @Activate
    public OperatorAccounts(@Reference Database database, @Reference PasswordHasher hasher, @Reference PasswordPolicy policy,
            @Reference LoginThrottle throttle, @Reference DatabaseManager databaseManager, OperatorConfig config,
            BundleContext context) throws InvalidSyntaxException {
        this.database = database;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.verified = new OperatorCredentialCache(Duration.ofSeconds(Math.max(0, config.credentialCacheSeconds())), Clock.systemUTC());
        this.configured = config.password();
        this.bootFinished = new ServiceTracker<>(context, context.createFilter("(objectClass=" + BOOT_FINISHED + ")"), null) {
            @Override
            public Object addingService(ServiceReference<Object> reference) {
                databaseManager.opened().thenRun(OperatorAccounts.this::startPasswordSetUp);
                return reference;
            }
        };
        bootFinished.open(true);
        CompletableFuture.delayedExecutor(BOOT_WAIT_SECONDS, TimeUnit.SECONDS).execute(this::startPasswordSetUp);
    }

    @Deactivate
    void deactivate() {
        bootFinished.close();
        if (setUpStarted.compareAndSet(false, true)) {
            passwordSetUp.complete(null); // a deactivated instance starts nothing more, and keeps no login waiting
        }
    }

    /** Starts setting up the password, once. */
    private void startPasswordSetUp() {
        if (setUpStarted.compareAndSet(false, true)) {
            new Thread(() -> {
                try {
                    while (!setUpPassword()) {
                        try {
                            Thread.sleep(1000); // every hashing slot was busy (a flood of logins): try again shortly
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                } finally {
                    passwordSetUp.complete(null);
                }
            }, "clientele-operator-password").start();
        }
    }

    /** False when it could not hash for lack of a free hashing slot (try again); true when done or failed for good. */
    private boolean setUpPassword() {
        try {
            Optional<String> stored = storedHash();
            if (configured != null && !configured.isBlank()) {
                Optional<String> weak = policy.problem(configured);
                if (weak.isPresent()) {
                    configuredRefused = true;
                    LOG.error("The operator password set in CLIENTELE_OPERATOR_PASSWORD (etc/io.clientele.operator.cfg) is refused: {}"
                            + " Operator logins (SSH console and /api/v1/platform) are refused until a stronger one is set.", weak.get());
                    return true;
                }
                if (stored.isEmpty() || !hasher.verify(configured, stored.get())) {
                    store(hasher.hash(configured), stored.isPresent());
                    LOG.info("operator '{}' password set from configuration", OPERATOR);
                }
            } else if (stored.isEmpty()) {
                String generated = randomPassword();
                store(hasher.hash(generated), false);
                Path file = passwordFile();
                String where = writeOwnerOnly(file, generated)
                        ? "Its generated password is in " + file + ", readable only by the owner of this process: note it, then delete the file."
                        : "Its generated password could not be written to " + file + "; it is shown once on the console.";
                LOG.warn("Clientele operator account '{}' created. {} Set CLIENTELE_OPERATOR_PASSWORD to choose your own.", OPERATOR, where);
                // the console of an interactive bin/karaf; bin/start sends it nowhere (the file above is for that case)
                System.out.println("\n*** Clientele operator account created: user '" + OPERATOR + "', password '" + generated + "'"
                        + "\n*** It is shown only this once and stored only as a hash. Set CLIENTELE_OPERATOR_PASSWORD to choose your own.\n");
            }
        } catch (ProblemException e) {
            if (e.status() == 503) {
                return false;
            }
            LOG.error("cannot set up the operator account '{}': {}", OPERATOR, e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.error("cannot set up the operator account '{}': {}", OPERATOR, e.getMessage(), e);
        }
        return true;
    }

    /**
     * Whether the user name and password are those of an operator. Every check is a password guess for the login
     * throttle (key {@code operator:<user>}, with the client address of the current HTTP request, if any): one that
     * may not be tried now throws 429 {@code rate_limited}; a hash refused for lack of a free slot throws 503. Before
     * the throttle reserves an attempt and PBKDF2 runs, credentials verified within the last
     * {@code credentialCacheSeconds} are accepted from {@link OperatorCredentialCache} — but only after the read-only
     * throttle check, so that while guesses are refused the right password is refused too (no oracle).
     */
    public boolean verify(String user, String password) {
        if (user == null || password == null) {
            return false;
        }
        String accountKey = "operator:" + user;
        throttle.checkAllowed(accountKey);
        startPasswordSetUp();
        passwordSetUp.join(); // a login during or just after the boot waits for the configured password
        if (configuredRefused) {
            return false;
        }
        Optional<String> stored = OPERATOR.equals(user) ? storedHash() : Optional.empty();
        if (stored.isPresent() && verified.matches(user, password, stored.get())) {
            return true;
        }
        try (LoginThrottle.Attempt attempt = throttle.reserve(accountKey)) {
            boolean ok = stored.isPresent() && hasher.verify(password, stored.get());
            if (ok) {
                attempt.succeeded();
                verified.remember(user, password, stored.get());
            } else {
                attempt.failed();
            }
            return ok;
        }
    }

    private Optional<String> storedHash() {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT password_hash FROM platform_operator WHERE username = ?",
                rs -> rs.getString(1), OPERATOR));
    }

    private void store(String hash, boolean exists) {
        verified.clear();
        database.inTransaction(c -> exists
                ? Jdbc.update(c, "UPDATE platform_operator SET password_hash = ?, updated_at = ? WHERE username = ?", hash, Instant.now(), OPERATOR)
                : Jdbc.update(c, "INSERT INTO platform_operator (username, password_hash, updated_at) VALUES (?, ?, ?)", OPERATOR, hash, Instant.now()));
    }

    /** Where a generated password is left for the operator: {@code data/operator-password}. */
    static Path passwordFile() {
        return Paths.get(System.getProperty("karaf.data", "data"), "operator-password");
    }

    /** Writes the password to a new file only its owner may read; false when that cannot be done safely. */
    static boolean writeOwnerOnly(Path file, String password) {
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
                file.toFile().setReadable(false, false);
                file.toFile().setWritable(false, false);
                if (!file.toFile().setReadable(true, true) || !file.toFile().setWritable(true, true)) {
                    Files.deleteIfExists(file);
                    return false;
                }
            }
            Files.write(file, (password + System.lineSeparator()).getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", file, e.getMessage());
            return false;
        }
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
