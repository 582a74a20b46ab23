package io.clientele.payment.api;

import io.clientele.platform.api.money.Money;

/**
 * A payment as the gateway knows it.
 *
 * @param gatewayPaymentId  the gateway's id (Stripe: the PaymentIntent's {@code pi_…})
 * @param reference         the caller's {@link PaymentOrder#reference()}, or {@code null} for a payment the platform
 *                          did not create
 * @param state             its state
 * @param amount            what was asked
 * @param amountReceived    what was received; may exceed {@code amount} (a boleto paid with more than its value), is
 *                          zero unless {@link PaymentState#SUCCEEDED}
 * @param method            how it is being paid, or {@code null} while the payer has not chosen
 * @param gatewayCustomerId the gateway's id of the payer, for later calls
 * @param savedMethod       the card saved for later off-session charges when the order asked for it and the payment
 *                          succeeded, else {@code null}
 * @param nextAction        what the payer has to do when {@link PaymentState#REQUIRES_ACTION}, else {@code null}
 * @param failureCode       the gateway's code of the last failure (e.g. {@code card_declined},
 *                          {@code authentication_required}), else {@code null}
 * @param failureMessage    a message for people about the last failure, else {@code null}
 */
public record GatewayPayment(String gatewayPaymentId, String reference, PaymentState state, Money amount,
                             Money amountReceived, PaymentMethodType method, String gatewayCustomerId,
                             SavedMethod savedMethod, NextAction nextAction, String failureCode, String failureMessage) {
}
