package io.clientele.portal.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.payment.api.PaymentMethodType;
import io.clientele.payment.api.PaymentState;
import io.clientele.platform.api.money.Money;
import io.clientele.portal.impl.internal.PaymentFlow.Settlement;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of a payment's state and of spreading money received over invoices. */
class PaymentFlowTest {

    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-01T11:00:00Z");

    @Test
    void aPaidPaymentNeverChangesAgain() {
        for (PaymentState seen : PaymentState.values()) {
            assertEquals(Optional.empty(), PaymentFlow.next(PaymentStatus.SUCCEEDED, T1, PaymentMethodType.CARD, seen, T2), seen.name());
            assertEquals(Optional.empty(), PaymentFlow.next(PaymentStatus.OVERPAID, T1, PaymentMethodType.BOLETO, seen, T2), seen.name());
        }
    }

    @Test
    void moneyReceivedWinsEvenOverAnExpiryThatArrivedFirstOrANewerState() {
        assertEquals(Optional.of(PaymentStatus.SUCCEEDED),
                PaymentFlow.next(PaymentStatus.EXPIRED, T2, PaymentMethodType.BOLETO, PaymentState.SUCCEEDED, T1));
        assertEquals(Optional.of(PaymentStatus.SUCCEEDED),
                PaymentFlow.next(PaymentStatus.FAILED, T2, PaymentMethodType.CARD, PaymentState.SUCCEEDED, T1));
    }

    @Test
    void anOlderStateArrivingLateIsIgnoredAndAClosedPaymentIsNotReopened() {
        assertEquals(Optional.empty(), PaymentFlow.next(PaymentStatus.PROCESSING, T2, PaymentMethodType.CARD, PaymentState.REQUIRES_ACTION, T1));
        assertEquals(Optional.empty(), PaymentFlow.next(PaymentStatus.EXPIRED, T1, PaymentMethodType.PIX, PaymentState.REQUIRES_ACTION, T2));
        assertEquals(Optional.of(PaymentStatus.PROCESSING),
                PaymentFlow.next(PaymentStatus.REQUIRES_ACTION, T1, PaymentMethodType.CARD, PaymentState.PROCESSING, T2));
    }

    @Test
    void aVoucherCancelledUnpaidHasExpiredWhileACancelledCardPaymentIsCancelled() {
        assertEquals(Optional.of(PaymentStatus.EXPIRED),
                PaymentFlow.next(PaymentStatus.REQUIRES_ACTION, T1, PaymentMethodType.BOLETO, PaymentState.CANCELED, T2));
        assertEquals(Optional.of(PaymentStatus.EXPIRED),
                PaymentFlow.next(PaymentStatus.REQUIRES_ACTION, T1, PaymentMethodType.PIX, PaymentState.CANCELED, T2));
        assertEquals(Optional.of(PaymentStatus.CANCELED),
                PaymentFlow.next(PaymentStatus.REQUIRES_ACTION, T1, PaymentMethodType.CARD, PaymentState.CANCELED, T2));
        assertEquals(Optional.of(PaymentStatus.FAILED), PaymentFlow.next(PaymentStatus.PENDING, null, PaymentMethodType.CARD, PaymentState.FAILED, T1));
    }

    @Test
    void moneyBeyondTheBalancesIsTheExcessAndAnInvoicePaidMeanwhileTakesNothing() {
        Settlement over = PaymentFlow.settle(Money.brl("350.00"), List.of(new SimpleEntry<>("i1", Money.brl("100.00")),
                new SimpleEntry<>("i2", Money.brl("200.00"))), Map.of("i1", Money.brl("100.00"), "i2", Money.brl("200.00")));
        assertEquals(List.of(new PaymentFlow.Share("i1", Money.brl("100.00")), new PaymentFlow.Share("i2", Money.brl("200.00"))), over.shares());
        assertEquals(Money.brl("50.00"), over.excess());

        Settlement meanwhile = PaymentFlow.settle(Money.brl("300.00"), List.of(new SimpleEntry<>("i1", Money.brl("100.00")),
                new SimpleEntry<>("i2", Money.brl("200.00"))), Map.of("i2", Money.brl("120.00")));
        assertEquals(List.of(new PaymentFlow.Share("i1", Money.brl("0.00")), new PaymentFlow.Share("i2", Money.brl("120.00"))), meanwhile.shares());
        assertEquals(Money.brl("180.00"), meanwhile.excess());

        Settlement exact = PaymentFlow.settle(Money.brl("300.00"), List.of(new SimpleEntry<>("i1", Money.brl("300.00"))),
                Map.of("i1", Money.brl("300.00")));
        assertEquals(Money.brl("0.00"), exact.excess());
    }
}
