package io.clientele.platform.api.money;

/** Arithmetic or a comparison that would mix two currencies: a programming error, never a user's (check input first). */
public class CurrencyMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public CurrencyMismatchException(String message) {
        super(message);
    }
}
