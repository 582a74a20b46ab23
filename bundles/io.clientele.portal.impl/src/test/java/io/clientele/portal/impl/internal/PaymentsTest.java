package io.clientele.portal.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.ContactDirectory;
import io.clientele.contact.api.PortalStatus;
import io.clientele.customer.api.Address;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.customer.api.PersonType;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.monthlyfee.api.MonthlyFeeEvents;
import io.clientele.payment.api.GatewayEvent.Type;
import io.clientele.payment.api.GatewayException;
import io.clientele.payment.api.GatewayPayment;
import io.clientele.payment.api.PaymentState;
import io.clientele.payment.api.WebhookDelivery;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.history.HistoryEntry;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.idempotency.IdempotencyService;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.money.Money;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.platform.testing.MailTemplatesFixture;
import io.clientele.portal.api.PortalSettings;
import io.clientele.portal.api.PortalSettingsService;
import io.clientele.portal.api.PortalTab;
import io.clientele.portal.impl.internal.PaymentLedger.PaymentView;
import io.clientele.portal.impl.internal.PaymentWebhooks.Outcome;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payments through the portal on the module's real tables (Derby, migrated by the real changelog), with the SPI and the
 * monthly-fee module's BillingService as in-test doubles: paying, the webhook's exactly-once, overpayment, expiry,
 * refusals, and autopay's queue and attempts.
 */
class PaymentsTest {

    private static final String A = "agency-a";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private JpaUnitFixture db;
    private final InMemoryBilling billing = new InMemoryBilling();
    private final TestGateway gateway = new TestGateway();
    private final List<OutgoingMail> outbox = new ArrayList<>();
    private final List<String> historyActions = new ArrayList<>();
    private String autoChargeHtml;
    private PortalPayments payments;
    private PaymentLedger ledger;
    private PaymentWebhooks webhooks;
    private Autopay autopay;
    private AutoCharges charges;
    private AutoChargeWorker worker;
    private final Contact maria = contact("k1", "cust-1", "Maria Silva");
    private final Contact joao = contact("k2", "cust-2", "João Souza");

    @BeforeEach
    void wire() {
        db = JpaUnitFixture.derby("portal", PortalModule.class, "db/clientele-portal.xml");
        Gateways gateways = new Gateways(gateway);
        HistoryService history = new HistoryService() {
            @Override
            public HistoryEntry record(String rootType, String rootId, String entity, String entityId, String action, List<FieldChange> changes) {
                historyActions.add(entity + ":" + action);
                return null;
            }

            @Override
            public Page<HistoryEntry> page(String rootType, String rootId, int limit, String cursor) {
                return null;
            }
        };
        CustomerDirectory customers = id -> Optional.of(customer(id));
        Map<String, Contact> people = Map.of(maria.id(), maria, joao.id(), joao);
        ContactDirectory contacts = new ContactDirectory() {
            @Override
            public Optional<Contact> find(String contactId) {
                return Optional.ofNullable(people.get(contactId));
            }

            @Override
            public List<Contact> ofCustomer(String customerId) {
                return people.values().stream().filter(c -> c.customerId().equals(customerId)).toList();
            }
        };
        AgencyDirectory agencies = (AgencyDirectory) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AgencyDirectory.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "findById" -> Optional.of(new Agency((String) args[0], "acme", "Acme Agency", Set.of("portal"), T0, "en"));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        MailTemplates templates = MailTemplatesFixture.templates(m -> {
            outbox.add(m);
            return "mail-" + outbox.size();
        }, agencies);
        PortalSettingsService settings = new PortalSettingsService() {
            @Override
            public PortalSettings settings() {
                return new PortalSettings(List.of("Payments"), true, null, autoChargeHtml, null, 1);
            }

            @Override
            public Set<PortalTab> openTabs() {
                return Set.of(PortalTab.PAYMENTS);
            }
        };
        Payers payers = new Payers(customers);
        autopay = new Autopay(db.work(), gateways, payers, history, Clock.systemUTC());
        PaymentMails mails = new PaymentMails(contacts, agencies, settings, () -> "https://clientele.example", templates, m -> {
            outbox.add(m);
            return "mail-" + outbox.size();
        });
        ledger = new PaymentLedger(db.work(), billing, history, autopay, mails, Clock.systemUTC());
        payments = new PortalPayments(gateways, ledger, billing, new MemoryIdempotency(), payers, autopay, () -> "https://clientele.example");
        webhooks = new PaymentWebhooks(db.database(), gateways, ledger, autopay, agencies);
        charges = new AutoCharges(db.database(), db.work(), autopay, billing, contacts, ledger, null, Clock.systemUTC());
        worker = new AutoChargeWorker(charges, ledger, autopay, gateways, payers, billing, mails, db.database(), agencies, Duration.ofSeconds(60));
    }

    @AfterEach
    void close() {
        worker.deactivate();
        db.close();
    }

    // ---- paying

    @Test
    void theSameIdempotencyKeyAnswersTheSamePaymentAndNeverMakesASecondGatewayPayment() {
        Invoice invoice = billing.issue("cust-1", Money.brl("100.00"));
        PaymentView first = as(() -> payments.pay(maria, List.of(invoice.id()), "BOLETO", false, "key-1"));
        PaymentView again = as(() -> payments.pay(maria, List.of(invoice.id()), "BOLETO", false, "key-1"));
        assertEquals(first.id(), again.id());
        assertEquals(PaymentStatus.REQUIRES_ACTION, first.state());
        assertEquals("BOLETO", first.nextAction().kind());
        assertEquals("https://pay.example/boleto/" + first.id(), first.nextAction().url());
        assertNotNull(first.nextAction().code());
        assertEquals(Instant.parse("2026-12-10T23:59:59Z"), first.nextAction().expiresAt());
        assertEquals(1, gateway.payments.size(), "one gateway payment, whose reference is the portal payment's id");
        assertTrue(gateway.payments.containsKey(first.id()));
        assertEquals("Acme Ltda", gateway.payers.get(0).name());
        assertEquals("12345678000190", gateway.payers.get(0).taxId());
        assertEquals("BR", gateway.payers.get(0).address().country());
        PaymentView polled = as(() -> ledger.viewFor("cust-1", first.id(), null));
        assertEquals(first.nextAction().code(), polled.nextAction().code(), "the voucher stays readable while it is payable");
        assertNull(polled.nextAction().clientSecret());
    }

    @Test
    void aCardPaymentAnswersTheRedirectAndTheClientSecretIsNeverStored() {
        Invoice invoice = billing.issue("cust-1", Money.brl("80.00"));
        PaymentView card = as(() -> payments.pay(maria, List.of(invoice.id()), "CARD", true, null));
        assertEquals("REDIRECT", card.nextAction().kind());
        assertEquals("secret_" + card.id(), card.nextAction().clientSecret());
        assertEquals(0, db.count("SELECT COUNT(*) FROM portal_payment WHERE next_url LIKE '%secret%' OR next_code LIKE '%secret%'"));
        assertNull(as(() -> ledger.viewFor("cust-1", card.id(), null)).nextAction().clientSecret());
    }

    @Test
    void refusals() {
        Invoice mine = billing.issue("cust-1", Money.brl("100.00"));
        Invoice theirs = billing.issue("cust-2", Money.brl("100.00"));
        Invoice dollars = billing.issue("cust-1", Money.of("100.00", "USD"));
        assertEquals(404, refused(() -> payments.pay(maria, List.of(theirs.id()), "PIX", false, null)).status());
        assertEquals(400, refused(() -> payments.pay(maria, List.of(mine.id(), dollars.id()), "PIX", false, null)).status());
        ProblemException notOffered = refused(() -> payments.pay(maria, List.of(dollars.id()), "PIX", false, null));
        assertEquals("method", notOffered.errors().get(0).field());
        assertEquals("saveCard", refused(() -> payments.pay(maria, List.of(mine.id()), "PIX", true, null)).errors().get(0).field());
        assertEquals("method", refused(() -> payments.pay(maria, List.of(mine.id()), "CHEQUE", false, null)).errors().get(0).field());
        billing.recordPayment(mine.id(), new io.clientele.monthlyfee.api.NewPayment(Money.brl("100.00"), "TRANSFER", null));
        assertEquals(409, refused(() -> payments.pay(maria, List.of(mine.id()), "PIX", false, null)).status());
        assertEquals(0, db.count("SELECT COUNT(*) FROM portal_payment"), "nothing stored for a refused request");
        assertEquals(404, refused(() -> ledger.viewFor("cust-2", "missing", null)).status());
    }

    @Test
    void withoutAGatewayPayingIs503() {
        Invoice invoice = billing.issue("cust-1", Money.brl("100.00"));
        PortalPayments none = new PortalPayments(new Gateways(), ledger, billing, new MemoryIdempotency(), new Payers(id -> Optional.of(customer(id))),
                autopay, () -> "https://clientele.example");
        ProblemException e = refused(() -> none.pay(maria, List.of(invoice.id()), "PIX", false, null));
        assertEquals(503, e.status());
        assertEquals("payment_gateway_unavailable", e.code());
    }

    // ---- the webhook

    @Test
    void aSuccessDeliveredTwiceAndOutOfOrderIsRecordedOnceWithWhoPaid() {
        Invoice invoice = billing.issue("cust-1", Money.brl("100.00"));
        PaymentView pix = as(() -> payments.pay(maria, List.of(invoice.id()), "PIX", false, null));
        WebhookDelivery success = TestGateway.event("evt_1", Type.PAYMENT_SUCCEEDED, pix.id(), "100.00", T0.plusSeconds(60));
        assertEquals(Outcome.HANDLED, receive(success));
        assertEquals(Outcome.DUPLICATE, receive(success));
        assertEquals(Outcome.HANDLED, receive(TestGateway.event("evt_0", Type.PAYMENT_PROCESSING, pix.id(), null, T0)));
        assertEquals(Outcome.HANDLED, receive(TestGateway.event("evt_2", Type.PAYMENT_SUCCEEDED, pix.id(), "100.00", T0.plusSeconds(61))));
        Invoice paid = billing.invoices.get(invoice.id());
        assertEquals(InvoiceStatus.PAID, paid.status());
        assertEquals(1, paid.payments().size(), "one payment however often the success arrives");
        PaymentView view = as(() -> ledger.viewFor("cust-1", pix.id(), null));
        assertEquals(PaymentStatus.SUCCEEDED, view.state());
        assertEquals("Maria Silva", view.paidBy().name());
        assertEquals(T0.plusSeconds(60), view.paidAt());
        assertEquals(paid.payments().get(0).id(), db.column("SELECT billing_payment_id FROM portal_payment_invoice WHERE payment_id = ?", pix.id()));
        assertTrue(historyActions.contains("invoice:PAID_ONLINE"));
        assertEquals("Maria Silva (portal)", paid.payments().get(0).paidBy(), "who paid, on the invoice's payment");
        assertEquals(3, db.count("SELECT COUNT(*) FROM portal_payment_event"));
    }

    @Test
    void thePayRequestRacingTheWebhookBothSucceedAndTheInvoiceIsPaidOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 10; round++) {
                Invoice invoice = billing.issue("cust-1", Money.brl("100.00"));
                String key = "race-" + round;
                PaymentView pix = as(() -> payments.pay(maria, List.of(invoice.id()), "PIX", false, key));
                GatewayPayment asked = gateway.payments.get(pix.id());
                gateway.payments.put(pix.id(), new GatewayPayment(asked.gatewayPaymentId(), asked.reference(), PaymentState.SUCCEEDED,
                        asked.amount(), asked.amount(), asked.method(), asked.gatewayCustomerId(), null, null, null, null));
                WebhookDelivery success = TestGateway.event("evt_race_" + round, Type.PAYMENT_SUCCEEDED, pix.id(), "100.00", T0.plusSeconds(round));
                // another transaction holds the payment's row, so that both appliers read it when it lets go: at the same time
                CountDownLatch held = new CountDownLatch(1);
                CountDownLatch letGo = new CountDownLatch(1);
                Future<?> gate = threads.submit(() -> db.database().inTransaction(c -> {
                    Jdbc.update(c, "UPDATE portal_payment SET version = version WHERE id = ?", pix.id());
                    held.countDown();
                    try {
                        return letGo.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
                assertTrue(held.await(30, TimeUnit.SECONDS));
                // the contact's browser asks again (same Idempotency-Key: the gateway answers paid) while the gateway's event arrives
                Future<PaymentView> request = threads.submit(() -> as(() -> payments.pay(maria, List.of(invoice.id()), "PIX", false, key)));
                Future<Outcome> webhook = threads.submit(() -> receive(success));
                Thread.sleep(300);
                letGo.countDown();
                gate.get(30, TimeUnit.SECONDS);
                assertEquals(PaymentStatus.SUCCEEDED, request.get(30, TimeUnit.SECONDS).state(), "round " + round);
                assertEquals(Outcome.HANDLED, webhook.get(30, TimeUnit.SECONDS), "round " + round + ": the webhook is not answered 412");
                Invoice paid = billing.invoices.get(invoice.id());
                assertEquals(InvoiceStatus.PAID, paid.status(), "round " + round);
                assertEquals(1, paid.payments().size(), "round " + round + ": the invoice's payment recorded once");
                assertEquals(1, db.count("SELECT COUNT(*) FROM portal_event WHERE subject_id = ? AND kind = 'PAYMENT_RECEIVED'", pix.id()),
                        "round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anOverpaymentRecordsEachBalanceAndKeepsTheExcess() {
        Invoice a = billing.issue("cust-1", Money.brl("100.00"));
        Invoice b = billing.issue("cust-1", Money.brl("50.00"));
        PaymentView boleto = as(() -> payments.pay(maria, List.of(a.id(), b.id()), "BOLETO", false, "k"));
        assertEquals("150.00", boleto.amount());
        assertEquals(1, gateway.payments.size(), "one gateway payment for the sum");
        receive(TestGateway.event("evt_9", Type.PAYMENT_SUCCEEDED, boleto.id(), "170.00", T0));
        assertEquals(InvoiceStatus.PAID, billing.invoices.get(a.id()).status());
        assertEquals(InvoiceStatus.PAID, billing.invoices.get(b.id()).status());
        PaymentView view = as(() -> ledger.view(boleto.id()));
        assertEquals(PaymentStatus.OVERPAID, view.state());
        assertEquals("20.00", view.excess());
        assertEquals("170.00", view.amountReceived());
        assertEquals(1, as(() -> ledger.list(null, PaymentStatus.OVERPAID, PageRequest.of(null, null))).items().size());
    }

    @Test
    void anExpiredVoucherCanBeReplacedAndAPaymentArrivingAfterTheExpiryIsStillRecorded() {
        Invoice invoice = billing.issue("cust-1", Money.brl("100.00"));
        PaymentView first = as(() -> payments.pay(maria, List.of(invoice.id()), "BOLETO", false, "k1"));
        receive(TestGateway.event("evt_c", Type.PAYMENT_CANCELED, first.id(), null, T0.plusSeconds(100)));
        assertEquals(PaymentStatus.EXPIRED, as(() -> ledger.view(first.id())).state());
        assertNull(as(() -> ledger.view(first.id())).nextAction());
        PaymentView second = as(() -> payments.pay(maria, List.of(invoice.id()), "PIX", false, "k2"));
        assertEquals(PaymentStatus.REQUIRES_ACTION, second.state());
        receive(TestGateway.event("evt_s", Type.PAYMENT_SUCCEEDED, first.id(), "100.00", T0.plusSeconds(50)));
        assertEquals(PaymentStatus.SUCCEEDED, as(() -> ledger.view(first.id())).state());
        assertEquals(InvoiceStatus.PAID, billing.invoices.get(invoice.id()).status());
        receive(TestGateway.event("evt_s2", Type.PAYMENT_SUCCEEDED, second.id(), "100.00", T0.plusSeconds(200)));
        PaymentView late = as(() -> ledger.view(second.id()));
        assertEquals(PaymentStatus.OVERPAID, late.state(), "the invoice was already paid: all of it is excess for staff to refund");
        assertEquals("100.00", late.excess());
        assertEquals(1, billing.invoices.get(invoice.id()).payments().size());
    }

    @Test
    void aWebhookThatDoesNotVerifyIs400AndAnAbsentGatewayIs503() {
        ProblemException bad = refused(() -> webhooks.receive("test", Map.of("Test-Signature", List.of("forged")), "x;PAYMENT_SUCCEEDED;y;;2026-12-01T10:00:00Z".getBytes()));
        assertEquals(400, bad.status());
        ProblemException absent = refused(() -> webhooks.receive("stripe", Map.of(), new byte[0]));
        assertEquals(503, absent.status());
        assertNotNull(absent.retryAfterSeconds());
        assertEquals(Outcome.IGNORED, receive(TestGateway.event("evt_x", Type.PAYMENT_SUCCEEDED, "not-ours", "1.00", T0)));
    }

    // ---- autopay

    @Test
    void autopayNeedsASavedCardAndSwitchingItOffForgetsTheCard() {
        assertEquals(409, refused(() -> autopay.set(maria, true)).status());
        Autopay.Setup setup = as(() -> autopay.startSetup(maria));
        assertEquals("REDIRECT", setup.nextAction().kind());
        receive(TestGateway.event("evt_m", Type.METHOD_SAVED, setup.setupId(), null, T0));
        Autopay.AutopayView on = as(() -> autopay.view(maria));
        assertTrue(on.enabled());
        assertEquals("4242", on.card().last4());
        assertEquals("2030-12", on.card().expiry());
        Autopay.AutopayView off = as(() -> autopay.set(maria, false));
        assertEquals(false, off.enabled());
        assertNull(off.card());
        assertEquals(0, db.count("SELECT COUNT(*) FROM portal_autopay WHERE method_id IS NOT NULL"));
    }

    @Test
    void anIssuedInvoiceIsChargedOnceRetriedWithTheSameReferenceAndTheReceiptSentOnce() {
        saveCard(maria);
        autoChargeHtml = "<p>Hi {{contactName}}, {{amount}} for invoice {{invoiceNumber}}</p>";
        Invoice invoice = billing.issue("cust-1", Money.brl("250.00"));
        issued(invoice);
        issued(invoice);
        assertEquals(1, db.count("SELECT COUNT(*) FROM portal_autocharge"), "one charge per invoice");
        gateway.chargeScript.add(new GatewayException("rate_limit", "Too many requests", true, null));
        assertEquals(1, worker.poll());
        assertEquals(InvoiceStatus.OPEN, billing.invoices.get(invoice.id()).status());
        assertEquals("PENDING", db.column("SELECT status FROM portal_autocharge"));
        assertEquals(0, worker.poll(), "not due before its backoff");
        db.database().inTransaction(c -> io.clientele.platform.api.db.Jdbc.update(c, "UPDATE portal_autocharge SET next_attempt_at = ?",
                Instant.now().minusSeconds(1)));
        assertEquals(1, worker.poll());
        assertEquals(2, gateway.chargeCalls.size());
        assertEquals(gateway.chargeCalls.get(0), gateway.chargeCalls.get(1), "every attempt asks for the same gateway payment");
        assertEquals(InvoiceStatus.PAID, billing.invoices.get(invoice.id()).status());
        assertEquals("DONE", db.column("SELECT status FROM portal_autocharge"));
        List<OutgoingMail> receipts = outbox.stream().filter(m -> m.htmlBody() != null && m.htmlBody().contains("Hi Maria Silva")).toList();
        assertEquals(1, receipts.size());
        assertTrue(receipts.get(0).htmlBody().contains("R$") && receipts.get(0).htmlBody().contains("250.00")
                && receipts.get(0).htmlBody().contains(Long.toString(invoice.number())), receipts.get(0).htmlBody());
        receive(TestGateway.event("evt_ac", Type.PAYMENT_SUCCEEDED, gateway.chargeCalls.get(0), "250.00", T0));
        assertEquals(1, outbox.stream().filter(m -> m.htmlBody() != null && m.htmlBody().contains("Hi Maria Silva")).count(),
                "the receipt goes out once, however the success arrives");
        assertEquals("SUCCEEDED", as(() -> autopay.view(maria)).lastChargeState());
    }

    @Test
    void aCardNeedingAuthenticationMailsAPayLinkAndADeclinedCardFailsVisibly() {
        saveCard(maria);
        Invoice one = billing.issue("cust-1", Money.brl("10.00"));
        Invoice two = billing.issue("cust-1", Money.brl("20.00"));
        gateway.chargeScript.add(PaymentState.REQUIRES_ACTION);
        gateway.chargeScript.add(new GatewayException("card_declined", "Your card was declined.", false, null));
        issued(one);
        issued(two);
        assertEquals(2, worker.poll());
        assertEquals(Set.of("ACTION_REQUIRED", "DECLINED"), Set.copyOf(db.database().inTransaction(c -> io.clientele.platform.api.db.Jdbc.query(c,
                "SELECT status FROM portal_autocharge", rs -> rs.getString(1)))));
        assertTrue(outbox.stream().anyMatch(m -> m.to().equals("maria@acme.example")
                && m.textBody().contains("https://clientele.example/portal/acme/payments?invoice=")), outbox.toString());
        assertTrue(outbox.stream().anyMatch(m -> m.textBody().contains("Your card was declined.")), outbox.toString());
        assertEquals(1, as(() -> ledger.list("cust-1", PaymentStatus.FAILED, PageRequest.of(null, null))).items().size());
        assertEquals(1, as(() -> ledger.list("cust-1", PaymentStatus.REQUIRES_ACTION, PageRequest.of(null, null))).items().size());
        assertEquals(InvoiceStatus.OPEN, billing.invoices.get(one.id()).status());
        assertEquals(InvoiceStatus.OPEN, billing.invoices.get(two.id()).status());
        assertTrue(Set.of("ACTION_REQUIRED", "DECLINED").contains(as(() -> autopay.view(maria)).lastChargeState()));
    }

    @Test
    void noChargeWithoutAutopay() {
        Invoice invoice = billing.issue("cust-1", Money.brl("100.00"));
        issued(invoice);
        assertEquals(0, db.count("SELECT COUNT(*) FROM portal_autocharge"));
        assertEquals(0, worker.poll());
    }

    // ---- helpers

    private void saveCard(Contact contact) {
        Autopay.Setup setup = as(() -> autopay.startSetup(contact));
        receive(TestGateway.event("evt_save_" + contact.id(), Type.METHOD_SAVED, setup.setupId(), null, T0));
        assertTrue(as(() -> autopay.view(contact)).enabled());
    }

    private void issued(Invoice invoice) {
        db.as(A, () -> db.database().inTransaction(c -> {
            charges.inTransaction(MonthlyFeeEvents.INVOICE_ISSUED, Map.of("agencyId", A, "invoiceId", invoice.id(), "customerId",
                    invoice.customerId(), "number", invoice.number()));
            return null;
        }));
    }

    private Outcome receive(WebhookDelivery delivery) {
        return webhooks.receive("test", delivery.headers(), delivery.body());
    }

    private <T> T as(Supplier<T> work) {
        return db.as(A, work);
    }

    private ProblemException refused(Supplier<?> work) {
        return assertThrows(ProblemException.class, () -> as(work));
    }

    private static Contact contact(String id, String customerId, String name) {
        return new Contact(id, customerId, name, name.toLowerCase().startsWith("maria") ? "maria@acme.example" : "joao@beta.example", null,
                null, true, null, false, PortalStatus.ACTIVE, 0L, T0, T0);
    }

    private static Customer customer(String id) {
        return new Customer(id, "Acme", "Acme Ltda", PersonType.COMPANY, "12.345.678/0001-90", "billing@acme.example", null, null, null, null,
                null, null, null, null, null, List.of(), null, null, false, false, false, false, true,
                new Address("01001-000", "Rua A", "10", null, "Centro", "São Paulo", "SP", "Brasil"), null, List.of(), null, 0, T0, T0, false);
    }

    /** The platform's IdempotencyService in memory: a key's first result is answered again; another body with it is 409. */
    private static final class MemoryIdempotency implements IdempotencyService {
        private final Map<String, Object[]> stored = new HashMap<>();

        @Override
        public <T> T execute(String key, String operation, String fingerprint, Class<T> resultType, Supplier<T> action) {
            if (key == null) {
                return action.get();
            }
            Object[] known = stored.get(key + "|" + operation);
            if (known != null) {
                if (!known[0].equals(fingerprint)) {
                    throw ProblemException.conflict("Idempotency-Key", "used for another request");
                }
                return resultType.cast(known[1]);
            }
            T result = action.get();
            stored.put(key + "|" + operation, new Object[] {fingerprint, result});
            return result;
        }
    }
}
