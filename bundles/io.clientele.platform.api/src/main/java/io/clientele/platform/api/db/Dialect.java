package io.clientele.platform.api.db;

/** The SQL database the platform runs on. */
public enum Dialect {
    DERBY, POSTGRESQL;

    /** {@code FETCH FIRST n ROWS ONLY} works on both; kept here so callers never write vendor SQL themselves. */
    public String limit(int rows) {
        return " FETCH FIRST " + rows + " ROWS ONLY";
    }
}
