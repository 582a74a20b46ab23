package io.clientele.portal.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.platform.api.money.Money;
import io.clientele.portal.impl.internal.PortalBilling.Balance;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Invoices tab says remains to pay. */
class PortalBillingTest {

    private static Invoice invoice(InvoiceStatus status, Money total, Money paid) {
        Money balance = status == InvoiceStatus.CANCELLED ? Money.zero(total.currency()) : total.minus(paid);
        return new Invoice("i", 1, "c", "c", "C", null, LocalDate.EPOCH, LocalDate.EPOCH, total, status, List.of(), paid, balance,
                List.of(), 0, Instant.EPOCH);
    }

    @Test
    void theBalanceDueSumsTheOpenInvoicesPerCurrencyOnly() {
        List<Balance> due = PortalBilling.balanceDue(List.of(
                invoice(InvoiceStatus.OPEN, Money.brl("1250.00"), Money.brl("200.00")),
                invoice(InvoiceStatus.OPEN, Money.brl("100.50"), Money.brl("0.00")),
                invoice(InvoiceStatus.PAID, Money.brl("999.00"), Money.brl("999.00")),
                invoice(InvoiceStatus.CANCELLED, Money.brl("50.00"), Money.brl("0.00")),
                invoice(InvoiceStatus.OPEN, Money.of("10.00", "USD"), Money.of("0.00", "USD"))));
        assertEquals(List.of(new Balance("BRL", "1150.50"), new Balance("USD", "10.00")), due);
        assertEquals(List.of(), PortalBilling.balanceDue(List.of(invoice(InvoiceStatus.PAID, Money.brl("1.00"), Money.brl("1.00")))));
    }
}
