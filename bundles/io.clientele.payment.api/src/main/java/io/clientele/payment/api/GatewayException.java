package io.clientele.payment.api;

/**
 * A gateway call that did not succeed. {@link #retryable()} tells whether the same call may succeed later (network
 * error, timeout, the provider's 5xx or 429) or not (declined, invalid request, bad keys).
 */
public class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final boolean retryable;

    /**
     * @param code      the gateway's error code (Stripe: {@code card_declined}, {@code rate_limit}, …) or a
     *                  platform one ({@code unreachable}, {@code timeout})
     * @param message   a message safe to show to people (never a secret, never a full card number)
     * @param retryable whether the same call may succeed later
     */
    public GatewayException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
