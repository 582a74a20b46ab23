package io.clientele.portal.impl.internal;

import io.clientele.payment.api.PaymentMethodType;
import io.clientele.payment.api.PaymentState;
import io.clientele.platform.api.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of a portal payment's state, without storage: what a gateway state seen at some time does to a payment, and
 * how money received is spread over the invoices it pays.
 * <ul>
 *   <li>a paid payment ({@link PaymentStatus#isPaid()}) never changes again: a second delivery of its success, a late
 *       failure or expiry is ignored;</li>
 *   <li>money received always wins: a success settles a payment whatever state it is in (a boleto paid at the last moment
 *       whose expiry event arrived first);</li>
 *   <li>any other state applies only when it is not older than the last one applied (events arrive out of order), and
 *       never reopens a closed payment ({@link PaymentStatus#isClosed()});</li>
 *   <li>a boleto or Pix payment cancelled by the gateway is {@link PaymentStatus#EXPIRED}.</li>
 * </ul>
 */
final class PaymentFlow {

    private PaymentFlow() {
    }

    /** The state a payment moves to, or empty when the gateway's news changes nothing. */
    static Optional<PaymentStatus> next(PaymentStatus current, Instant lastEventAt, PaymentMethodType method, PaymentState seen,
                                        Instant seenAt) {
        if (current.isPaid()) {
            return Optional.empty();
        }
        if (seen == PaymentState.SUCCEEDED) {
            return Optional.of(PaymentStatus.SUCCEEDED);
        }
        if (current.isClosed() || (lastEventAt != null && seenAt != null && seenAt.isBefore(lastEventAt))) {
            return Optional.empty();
        }
        PaymentStatus to = switch (seen) {
            case REQUIRES_PAYMENT_METHOD, REQUIRES_ACTION -> PaymentStatus.REQUIRES_ACTION;
            case PROCESSING -> PaymentStatus.PROCESSING;
            case FAILED -> PaymentStatus.FAILED;
            case CANCELED -> method == PaymentMethodType.CARD ? PaymentStatus.CANCELED : PaymentStatus.EXPIRED;
            case SUCCEEDED -> throw new IllegalStateException("handled above");
        };
        return Optional.of(to);
    }

    /** One invoice's share of a settlement: what is recorded on it (zero: nothing). */
    record Share(String invoiceId, Money recorded) {
    }

    /** How money received is recorded: a share per invoice, and what exceeds their balances. */
    record Settlement(List<Share> shares, Money excess) {
    }

    /**
     * Spreads {@code received} over the invoices in order, each up to the smaller of what the payment asked for it and
     * its balance now (an invoice paid or cancelled meanwhile takes nothing); what is left is the excess.
     *
     * @param asked    per invoice, in order, what the payment asked for it
     * @param balances per invoice, its balance now (absent: the invoice takes nothing)
     */
    static Settlement settle(Money received, List<Map.Entry<String, Money>> asked, Map<String, Money> balances) {
        Money left = received;
        List<Share> shares = new ArrayList<>();
        for (Map.Entry<String, Money> invoice : asked) {
            Money balance = balances.getOrDefault(invoice.getKey(), Money.zero(received.currency()));
            Money cap = invoice.getValue().isLessThan(balance) ? invoice.getValue() : balance;
            Money take = left.isLessThan(cap) ? left : cap;
            if (take.isNegative()) {
                take = Money.zero(received.currency());
            }
            shares.add(new Share(invoice.getKey(), take));
            left = left.minus(take);
        }
        return new Settlement(shares, left);
    }
}
