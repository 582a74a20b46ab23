package io.clientele.ijob.api;

/** Where a piece stands: staff work, waiting for the customer's decision, or every step done. */
public enum PieceStatus {
    IN_PROGRESS, AWAITING_CUSTOMER, FINISHED
}
