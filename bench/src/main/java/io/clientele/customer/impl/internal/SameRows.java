package io.clientele.customer.impl.internal;

import java.util.Comparator;
import java.util.Set;

/**
 * The customer bundle's own rules for what a create or an import writes besides the customer row, for the bench's
 * same-rows baselines (P3, P4): the search words (the same word-splitting function), the search text column, the
 * import's batch size and the order it writes a batch's words in. In this package because they are the bundle's
 * internals; nothing here is a copy of them.
 */
public final class SameRows {

    /** Customers per JDBC batch in the import. */
    public static final int IMPORT_BATCH = ImportBatch.ROWS;
    /** The order in which the import writes a batch's (term, customer id) pairs. */
    public static final Comparator<String[]> TERM_ORDER = ImportBatch.TERM_ORDER;

    private SameRows() {
    }

    /** The words a customer with this name, company name and e-mail (no tax document) is found by. */
    public static Set<String> words(String name, String companyName, String email) {
        return CustomerSearch.terms(name, companyName, email, null);
    }

    /** The customer's {@code search_text} column for these words. */
    public static String searchText(Set<String> words) {
        return CustomerSearch.searchText(words);
    }
}
