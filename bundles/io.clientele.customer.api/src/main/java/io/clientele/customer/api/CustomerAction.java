package io.clientele.customer.api;

/**
 * What a staff user does to or for a customer, beyond seeing it. Who may do each is decided in one place,
 * {@link CustomerRights} (the agency's role table; the README's "Roles and rights").
 */
public enum CustomerAction {
    /** Prepare money matters: monthly fees (create, change, cancel, contract), estimates (create, send), budgets and
     *  commitments. ADMIN, FINANCE, and SERVICE/ASSISTANT users who serve or assist the customer. */
    PREPARE,
    /** Bill and record money: pre-billing, invoices, payments, a fee entry's approval by the customer, the customer's
     *  answer to an estimate, budget spend. ADMIN and FINANCE. */
    BILL,
    /** Invite the customer's contacts to the portal. ADMIN, and SERVICE/ASSISTANT users who serve or assist the customer. */
    INVITE,
    /** Import customers from a spreadsheet: ADMIN; SERVICE/ASSISTANT users only rows naming them as service manager or
     *  assistant. Judged per imported row. */
    IMPORT,
    /** Change who may see and serve the customer: {@code restricted}, {@code serviceManagerId}, {@code assistantId},
     *  {@code followerIds}. ADMIN, and the SERVICE/ASSISTANT user who is the customer's service manager. */
    ASSIGN
}
