package io.clientele.payment.api;

/** A webhook that does not verify (signature, timestamp) or cannot be read; the endpoint answers 400 and logs why. */
public class WebhookRejected extends Exception {
    private static final long serialVersionUID = 1L;

    public WebhookRejected(String message) {
        super(message);
    }
}
