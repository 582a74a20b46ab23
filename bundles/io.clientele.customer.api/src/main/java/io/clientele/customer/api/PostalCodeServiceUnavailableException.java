package io.clientele.customer.api;

/** The postal-code service could not be reached, timed out or failed; the lookup may succeed later. */
public class PostalCodeServiceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PostalCodeServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
