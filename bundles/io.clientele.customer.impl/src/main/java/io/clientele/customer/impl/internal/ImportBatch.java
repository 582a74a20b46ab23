package io.clientele.customer.impl.internal;

import java.util.Comparator;

/**
 * How the import writes what it read: customers in JDBC batches of {@link #ROWS} rows, and each batch's search words
 * in the order of the search-term index (so consecutive inserts land on neighbouring index pages). The benchmark's
 * P4 baseline writes its batches by these same rules.
 */
final class ImportBatch {

    /** Customers per JDBC batch (their words and history rows follow in batches of their own). */
    static final int ROWS = 1000;

    /** (term, customer id) pairs in the order of the search-term index. */
    static final Comparator<String[]> TERM_ORDER = Comparator.<String[], String>comparing(t -> t[0]).thenComparing(t -> t[1]);

    private ImportBatch() {
    }
}
