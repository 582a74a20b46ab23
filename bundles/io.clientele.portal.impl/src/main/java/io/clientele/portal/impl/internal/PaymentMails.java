package io.clientele.portal.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.ContactDirectory;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.mail.MailTemplate;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.mail.Outbox;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.money.Money;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.portal.api.PortalSettingsService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The e-mails of automatic charges, queued through the outbox in the caller's transaction (so each goes out once, with
 * the change that caused it): the auto-charge receipt (the agency's own {@code autoChargeEmailHtml}, sanitised when it
 * was saved, with its placeholders filled in; else the platform's text), and to the contact, a link to pay on-session
 * when the card needs authentication or was declined.
 */
@Component(service = PaymentMails.class)
public class PaymentMails {

    private final ContactDirectory contacts;
    private final AgencyDirectory agencies;
    private final PortalSettingsService settings;
    private final Supplier<String> publicBaseUrl;
    private final MailTemplates mail;
    private final Outbox outbox;
    private final MailTemplate charged;
    private final MailTemplate actionNeeded;
    private final MailTemplate declined;

    @Activate
    public PaymentMails(@Reference ContactDirectory contacts, @Reference AgencyDirectory agencies, @Reference PortalSettingsStore settings,
                        @Reference MailTemplates mail, @Reference Outbox outbox) {
        this(contacts, agencies, settings, settings::publicBaseUrl, mail, outbox);
    }

    PaymentMails(ContactDirectory contacts, AgencyDirectory agencies, PortalSettingsService settings, Supplier<String> publicBaseUrl,
                 MailTemplates mail, Outbox outbox) {
        this.publicBaseUrl = publicBaseUrl;
        this.contacts = contacts;
        this.agencies = agencies;
        this.settings = settings;
        this.mail = mail;
        this.outbox = outbox;
        this.charged = mail.load(PaymentMails.class, "portal-auto-charge");
        this.actionNeeded = mail.load(PaymentMails.class, "portal-auto-charge-action");
        this.declined = mail.load(PaymentMails.class, "portal-auto-charge-declined");
    }

    private record To(Contact contact, Agency agency, Locale language) {
    }

    private Optional<To> to(String contactId) {
        Optional<Contact> contact = PaymentLedger.asAgency("portal payment mail", () -> contacts.find(contactId))
                .filter(c -> c.email() != null && !c.email().isBlank());
        Optional<Agency> agency = agencies.findById(RequestContext.agencyId());
        if (contact.isEmpty() || agency.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new To(contact.get(), agency.get(), mail.languageFor(null)));
    }

    static String numbers(List<Long> invoiceNumbers) {
        return invoiceNumbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** The receipt of an automatic charge, to the contact whose card was charged. */
    void autoCharged(String contactId, List<Long> invoiceNumbers, Money amount) {
        to(contactId).ifPresent(to -> {
            Map<String, String> values = Map.of("contactName", to.contact().name(), "agencyName", to.agency().name(),
                    "invoiceNumber", numbers(invoiceNumbers), "amount", amount.format(to.language()));
            OutgoingMail platform = mail.render(charged, to.contact().email(), to.language(), values);
            String own = settings.settings().autoChargeEmailHtml();
            if (own == null) {
                outbox.enqueue(platform);
            } else {
                String html = EmailHtml.fill(own, values);
                outbox.enqueue(new OutgoingMail(to.contact().email(), platform.subject(), EmailHtml.text(html), html));
            }
        });
    }

    /** The card needs the payer's authentication: a link to pay the invoice on-session in the portal. */
    void actionNeeded(String contactId, String invoiceId, long invoiceNumber, Money amount) {
        to(contactId).ifPresent(to -> mail.send(actionNeeded, to.contact().email(), null, Map.of("contactName", to.contact().name(),
                "agencyName", to.agency().name(), "invoiceNumber", invoiceNumber, "amount", amount.format(to.language()),
                "link", payLink(to.agency(), invoiceId))));
    }

    /** The card was declined: the gateway's reason and a link to pay the invoice another way. */
    void declined(String contactId, String invoiceId, long invoiceNumber, Money amount, String reason) {
        to(contactId).ifPresent(to -> mail.send(declined, to.contact().email(), null, Map.of("contactName", to.contact().name(),
                "agencyName", to.agency().name(), "invoiceNumber", invoiceNumber, "amount", amount.format(to.language()),
                "reason", reason == null ? "" : reason, "link", payLink(to.agency(), invoiceId))));
    }

    /** {@code …/portal/{slug}/payments?invoice={id}}: the Payments screen with the invoice selected. */
    String payLink(Agency agency, String invoiceId) {
        return publicBaseUrl.get() + "/portal/" + agency.slug() + "/payments?invoice=" + invoiceId;
    }
}
