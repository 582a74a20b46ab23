package io.clientele.platform.impl.internal.auth;

import java.time.Duration;

/**
 * The arithmetic of the login throttle, apart from its storage.
 *
 * <p>Three keys are counted for every password guess: the account from this client address (limit
 * {@code maxFailedLogins}), the account from any address ({@code maxFailedLoginsPerAccount}) and the client address
 * over every account ({@code maxFailedLoginsPerAddress}). A key reaching its limit is locked for
 * {@code lockoutSeconds}; after that first lock every further failure on the key locks it again for twice the previous
 * wait, up to {@code maxLockoutSeconds} (a progressive delay: 60 s, 120 s, 240 s, 480 s, 900 s, 900 s… with the
 * defaults). A success clears the account's keys. A key with no activity for {@code maxLockoutSeconds} (and no lock
 * running) starts over from nothing.
 *
 * <p>Why three keys: a hard lock per account alone lets anyone who knows an ADMIN's e-mail keep them locked out
 * forever with five requests per window. Here an attacker at one address only locks the account <em>for that
 * address</em>, and their further guesses are refused before they count against the account as a whole; locking the
 * account everywhere takes {@code maxFailedLoginsPerAccount} failures from several addresses, each of which the
 * per-address limit caps over all accounts. The doubling delay keeps the cost of a long lock high in guesses and
 * makes a long guessing campaign slow, while a user who mistyped five times waits a minute, not a quarter of an hour.
 */
record ThrottleRules(int perAccountAndAddress, int perAccount, int perAddress, Duration firstLock, Duration maxLock) {

    enum Scope { ACCOUNT_AND_ADDRESS, ACCOUNT, ADDRESS }

    static ThrottleRules of(AuthConfig config) {
        Duration first = Duration.ofSeconds(Math.max(1, config.lockoutSeconds()));
        Duration max = Duration.ofSeconds(Math.max(first.toSeconds(), config.maxLockoutSeconds()));
        return new ThrottleRules(Math.max(1, config.maxFailedLogins()), Math.max(1, config.maxFailedLoginsPerAccount()),
                Math.max(1, config.maxFailedLoginsPerAddress()), first, max);
    }

    int limit(Scope scope) {
        return switch (scope) {
            case ACCOUNT_AND_ADDRESS -> perAccountAndAddress;
            case ACCOUNT -> perAccount;
            case ADDRESS -> perAddress;
        };
    }

    /** How many attempts a key may have counted (failed or in flight) before the next one is refused. */
    int allowedAttempts(Scope scope, int previousLocks) {
        return previousLocks > 0 ? 1 : limit(scope);
    }

    /** Whether a failure with this many attempts counted on the key locks it. */
    boolean locks(Scope scope, int attempts, int previousLocks) {
        return previousLocks > 0 || attempts >= limit(scope);
    }

    /** The length of the lock that follows {@code previousLocks} earlier ones: doubled each time, capped. */
    Duration lockLength(int previousLocks) {
        if (previousLocks >= 30) {
            return maxLock;
        }
        long seconds = firstLock.toSeconds() << previousLocks;
        return seconds >= maxLock.toSeconds() ? maxLock : Duration.ofSeconds(seconds);
    }

    /** Counts older than this, with no lock running, are forgotten. */
    Duration forgetAfter() {
        return maxLock;
    }
}
