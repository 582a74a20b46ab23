package io.clientele.platform.api.db;

/** An SQL failure, unchecked. The REST layer answers it as a 500 unless a subclass says otherwise. */
public class DataAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
