package io.clientele.platform.api.db;

/** The SQL database the platform runs on. */
public enum Dialect {
    DERBY, POSTGRESQL;

    /** {@code FETCH FIRST n ROWS ONLY} works on both; kept here so callers never write vendor SQL themselves. */
    public String limit(int rows) {
        return " FETCH FIRST " + rows + " ROWS ONLY";
    }

    /**
     * Text to put right after a table name in a FROM clause so the database reads the table itself, in storage order,
     * instead of walking an index and fetching each row from wherever it lies: Derby's optimizer override (ends with
     * a line break); nothing on PostgreSQL, whose planner judges that itself.
     */
    public String tableScanHint() {
        return this == DERBY ? " --DERBY-PROPERTIES index=null\n" : "";
    }

    /**
     * Text to put right after a table name in a FROM clause so that Derby reads it through {@code index} (its optimizer
     * override, ending with a line break): for a query whose right index Derby's optimizer misjudges. Nothing on
     * PostgreSQL, whose planner judges that itself (and which may not have the index: Derby-only descending indexes).
     */
    public String indexHint(String index) {
        if (!index.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not an index name: " + index);
        }
        return this == DERBY ? " --DERBY-PROPERTIES index=" + index + "\n" : "";
    }
}
