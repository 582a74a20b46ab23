package io.clientele.platform.impl.internal.auth;

import io.clientele.platform.api.auth.PasswordHasher;
import io.clientele.platform.api.rest.ProblemException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * PBKDF2-HMAC-SHA256 with a 16-byte random salt; hashes read {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}.
 *
 * <p>At most {@code maxConcurrentHashes} hashes run at once (one per processor by default), so that a flood of
 * unauthenticated logins cannot take every core from the requests of logged-in users. A hash that finds no free slot
 * within {@code hashWaitMillis} is refused with 503 {@code service_unavailable} and {@code Retry-After}: callers never
 * queue without bound.
 */
@Component(service = PasswordHasher.class, configurationPid = "io.clientele.auth")
@Designate(ocd = AuthConfig.class)
public class Pbkdf2PasswordHasher implements PasswordHasher {

    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private volatile int iterations;
    private volatile Semaphore slots;
    private volatile long waitMillis;

    @Activate
    public Pbkdf2PasswordHasher(AuthConfig config) {
        modified(config);
    }

    /** For unit tests and tools outside OSGi. */
    public Pbkdf2PasswordHasher(int iterations) {
        this(iterations, 0, 250);
    }

    Pbkdf2PasswordHasher(int iterations, int maxConcurrentHashes, long waitMillis) {
        this.iterations = iterations;
        limit(maxConcurrentHashes, waitMillis);
    }

    @Modified
    void modified(AuthConfig config) {
        iterations = Math.max(100_000, config.pbkdf2Iterations());
        limit(config.maxConcurrentHashes(), config.hashWaitMillis());
    }

    private void limit(int maxConcurrentHashes, long waitMillis) {
        int permits = maxConcurrentHashes > 0 ? maxConcurrentHashes : Runtime.getRuntime().availableProcessors();
        this.slots = new Semaphore(permits); // hashes running on the previous semaphore give their slots back to it
        this.waitMillis = Math.max(0, waitMillis);
    }

    @Override
    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Override
    public boolean verify(String password, String stored) {
        if (password == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            int n = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, n));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Without an account the password is derived all the same, with a random salt and the current iterations: the work
     * that checking it against a stored hash would take, whose result is thrown away. (An earlier version hashed a
     * decoy password at every start for this: one PBKDF2 more on the start's two busy cores, for nothing it needs.)
     */
    @Override
    public boolean verifyOrDecoy(String password, String stored) {
        if (stored == null) {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            derive(password == null ? "" : password, salt, iterations);
            return false;
        }
        return verify(password, stored);
    }

    private byte[] derive(String password, byte[] salt, int iterations) {
        Semaphore current = slots;
        boolean acquired;
        try {
            acquired = current.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(503, "service_unavailable", "Too many password checks at once; try again in a moment.", null, 1L);
        }
        try {
            return pbkdf2(password, salt, iterations);
        } finally {
            current.release();
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
