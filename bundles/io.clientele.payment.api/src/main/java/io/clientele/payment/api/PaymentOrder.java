package io.clientele.payment.api;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import io.clientele.platform.api.money.Money;

/**
 * A payment to create or a saved method to charge.
 *
 * @param reference   the caller's id of this payment, unique per attempt; the gateway's idempotency key, and carried
 *                    back in every {@link GatewayEvent} about it ({@link GatewayPayment#reference()})
 * @param amount      what to charge
 * @param method      how
 * @param payer       who
 * @param description shown to the payer on statements and receipts (e.g. "Invoice 42 — Acme Creative")
 * @param metadata    extra key/values stored at the gateway (agency and invoice ids), returned in events
 * @param returnUrl   where the payer's browser returns after acting on a {@link NextAction}, or {@code null}; a
 *                    gateway's hosted page ({@link NextAction.Kind#REDIRECT}) sends the payer back here when done, and
 *                    with {@code canceled=true} added to the query when the payer cancels there
 * @param saveForLater whether a card paid on-session should also be saved for off-session charges (autopay)
 */
public record PaymentOrder(String reference, Money amount, PaymentMethodType method, Payer payer, String description,
                           Map<String, String> metadata, URI returnUrl, boolean saveForLater) {
    public PaymentOrder {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(payer, "payer");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
