package io.clientele.payment.api;

/**
 * A card being saved for off-session charges.
 *
 * @param gatewaySetupId    the gateway's id (Stripe: the SetupIntent's {@code seti_…})
 * @param reference         the caller's reference of the setup
 * @param gatewayCustomerId the gateway's id of the payer (created when the payer had none)
 * @param nextAction        what the payer's browser completes
 */
public record MethodSetup(String gatewaySetupId, String reference, String gatewayCustomerId, NextAction nextAction) {
}
