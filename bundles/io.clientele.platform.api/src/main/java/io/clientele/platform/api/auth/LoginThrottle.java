package io.clientele.platform.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Throttling of password guesses, shared by every node through the database: logins of staff and portal contacts,
 * password changes that check the current password, and operator logins. Each guess first {@linkplain #reserve
 * reserves} an attempt, atomically and before the password is hashed, so parallel guesses cannot all slip past a
 * check made before any of them is recorded. Attempts are counted per account and client address, per account from
 * any address and per client address over every account; the client address is the current request's
 * ({@link io.clientele.platform.api.RequestContext#client()}). Past a limit the key is locked for a delay that doubles
 * with each further failure, up to a cap; a success clears the account's counts.
 */
@ProviderType
public interface LoginThrottle {

    /**
     * Reserves one attempt for the account before its password is checked; the caller must then report the outcome
     * on the returned attempt, or {@linkplain Attempt#close() close} it without one (the password was never checked)
     * to give the reservation back. Throws 429 {@code rate_limited} with {@code Retry-After} when no attempt is left.
     *
     * @since 1.2
     */
    Attempt reserve(String accountKey);

    /** Throws 429 {@code rate_limited} while the account cannot be tried; records nothing. */
    void checkAllowed(String accountKey);

    /** Clears the account's failures (e.g. after its password was reset through a mailed link). */
    void recordSuccess(String accountKey);

    /**
     * Records a failed guess that was not reserved first.
     *
     * @deprecated reserve the attempt before checking the password: {@link #reserve}
     */
    @Deprecated
    void recordFailure(String accountKey);

    /** One reserved attempt. */
    @ProviderType
    interface Attempt extends AutoCloseable {

        /** The password was right: the account's counts are cleared. */
        void succeeded();

        /** The password was wrong: the attempt stays counted, and may lock the account. */
        void failed();

        /** Gives the reservation back unless an outcome was reported (the password was not checked). */
        @Override
        void close();
    }
}
