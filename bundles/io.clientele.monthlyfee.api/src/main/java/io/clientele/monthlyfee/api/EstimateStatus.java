package io.clientele.monthlyfee.api;

/**
 * DRAFT while being prepared (never shown to the customer's contacts), SENT once e-mailed, then ACCEPTED or DECLINED
 * once — by staff recording the customer's answer or by a contact through the portal.
 *
 * @since 2.3.0
 */
public enum EstimateStatus {
    DRAFT, SENT, ACCEPTED, DECLINED
}
