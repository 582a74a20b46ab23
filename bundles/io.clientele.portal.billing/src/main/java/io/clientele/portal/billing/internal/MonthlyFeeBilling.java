package io.clientele.portal.billing.internal;

import io.clientele.monthlyfee.api.BillingService;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.platform.api.money.Money;
import io.clientele.portal.api.home.BillingPort;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The portal's {@link BillingPort} on the monthly-fee module's {@link BillingService}: open invoices and their balances. */
@Component(service = BillingPort.class)
public class MonthlyFeeBilling implements BillingPort {

    private final BillingService billing;

    @Activate
    public MonthlyFeeBilling(@Reference BillingService billing) {
        this.billing = billing;
    }

    @Override
    public Billing billingOf(String customerId) {
        List<Invoice> open = billing.invoicesOf(customerId).stream().filter(i -> i.status() == InvoiceStatus.OPEN)
                .sorted(Comparator.comparing(Invoice::dueDate, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparingLong(Invoice::number))
                .toList();
        Map<String, Money> due = new TreeMap<>();
        for (Invoice i : open) {
            due.merge(i.balance().currencyCode(), i.balance(), Money::plus);
        }
        return new Billing(List.copyOf(due.values()), open.stream()
                .map(i -> new OpenInvoice(i.id(), i.number(), i.issueDate(), i.dueDate(), i.total(), i.balance())).toList());
    }
}
