package io.clientele.platform.api.db;

/** A unique constraint refused the write (SQLState 23505 on Derby and PostgreSQL). */
public class DuplicateKeyException extends DataAccessException {
    private static final long serialVersionUID = 1L;

    public DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
