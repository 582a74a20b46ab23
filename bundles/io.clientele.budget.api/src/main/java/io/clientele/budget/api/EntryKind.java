package io.clientele.budget.api;

/** What an entry of a budget records. */
public enum EntryKind {
    /** Money promised (e.g. to a job) but not spent yet; counts as committed while open. */
    COMMITTED,
    /** Money actually spent. */
    SPENT
}
