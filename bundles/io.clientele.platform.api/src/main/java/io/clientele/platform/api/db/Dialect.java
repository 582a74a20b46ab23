package io.clientele.platform.api.db;

/** The SQL database the platform runs on. */
public enum Dialect {
    DERBY, POSTGRESQL;

    /** {@code FETCH FIRST n ROWS ONLY} works on both; kept here so callers never write vendor SQL themselves. */
    public String limit(int rows) {
        return " FETCH FIRST " + rows + " ROWS ONLY";
    }

    /**
     * {@code select} (a SELECT of the ids of rows to claim, ending with its ORDER BY) limited to {@code rows} and, on
     * PostgreSQL, locking what it selects and skipping rows another transaction has locked ({@code FOR UPDATE SKIP
     * LOCKED}, after the limit), so nodes claiming at once take disjoint rows without waiting on each other. Derby has no
     * SKIP LOCKED: the same selection runs with the limit alone, and the caller's conditional claim (an update that
     * holds only while the row is still free, whose row count says who won) decides. Used by the e-mail outbox and the
     * integrations' delivery queue; only their id selection is SQL.
     *
     * @since 1.7
     */
    public String claimable(String select, int rows) {
        return this == POSTGRESQL ? select + " LIMIT " + rows + " FOR UPDATE SKIP LOCKED" : select + limit(rows);
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
