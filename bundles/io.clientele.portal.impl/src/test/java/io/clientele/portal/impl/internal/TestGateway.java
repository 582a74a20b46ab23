package io.clientele.portal.impl.internal;

import io.clientele.payment.api.GatewayEvent;
import io.clientele.payment.api.GatewayException;
import io.clientele.payment.api.GatewayPayment;
import io.clientele.payment.api.MethodSetup;
import io.clientele.payment.api.NextAction;
import io.clientele.payment.api.Payer;
import io.clientele.payment.api.PaymentGateway;
import io.clientele.payment.api.PaymentMethodType;
import io.clientele.payment.api.PaymentOrder;
import io.clientele.payment.api.PaymentState;
import io.clientele.payment.api.SavedMethod;
import io.clientele.payment.api.WebhookDelivery;
import io.clientele.payment.api.WebhookRejected;
import io.clientele.platform.api.money.Money;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A payment gateway in memory (a unit-test double of the SPI): idempotent on the order's reference as the SPI demands,
 * card/boleto/Pix for BRL only, off-session charges answering what the test scripted, and webhooks "signed" with a
 * header, whose body is {@code eventId;TYPE;reference;amountReceived;occurredAt}.
 */
final class TestGateway implements PaymentGateway {

    final Map<String, GatewayPayment> payments = new HashMap<>();
    final List<String> createCalls = new ArrayList<>();
    final List<String> chargeCalls = new ArrayList<>();
    final List<Payer> payers = new ArrayList<>();
    /** What the next off-session charges answer: a PaymentState or a GatewayException; empty: SUCCEEDED. */
    final Deque<Object> chargeScript = new ArrayDeque<>();

    @Override
    public String id() {
        return "test";
    }

    @Override
    public String name() {
        return "Test gateway";
    }

    @Override
    public Set<PaymentMethodType> methods(Currency currency) {
        return currency.getCurrencyCode().equals("BRL") ? EnumSet.allOf(PaymentMethodType.class) : EnumSet.noneOf(PaymentMethodType.class);
    }

    @Override
    public GatewayPayment createPayment(PaymentOrder order) {
        createCalls.add(order.reference());
        payers.add(order.payer());
        return payments.computeIfAbsent(order.reference(), r -> {
            NextAction next = switch (order.method()) {
                case CARD -> new NextAction(NextAction.Kind.REDIRECT, "secret_" + r, URI.create("https://pay.example/" + r), null, null);
                case BOLETO -> new NextAction(NextAction.Kind.BOLETO, null, URI.create("https://pay.example/boleto/" + r),
                        "23790.00000 00000.000000 00000.000000 1 00000000010000", Instant.parse("2026-12-10T23:59:59Z"));
                case PIX -> new NextAction(NextAction.Kind.PIX, null, null, "00020126pix" + r, Instant.parse("2026-12-01T12:00:00Z"));
            };
            return new GatewayPayment("pi_" + r, r, PaymentState.REQUIRES_ACTION, order.amount(), Money.zero(order.amount().currency()),
                    order.method(), "cus_1", null, next, null, null);
        });
    }

    @Override
    public GatewayPayment payment(String gatewayPaymentId) {
        return payments.values().stream().filter(p -> p.gatewayPaymentId().equals(gatewayPaymentId)).findFirst().orElseThrow();
    }

    @Override
    public MethodSetup startMethodSetup(Payer payer, String reference) {
        return new MethodSetup("seti_" + reference, reference, "cus_1",
                new NextAction(NextAction.Kind.REDIRECT, null, URI.create("https://pay.example/setup/" + reference), null, null));
    }

    @Override
    public SavedMethod savedMethod(String gatewayMethodId) {
        return card(gatewayMethodId);
    }

    static SavedMethod card(String id) {
        return new SavedMethod(id, "cus_1", PaymentMethodType.CARD, "visa", "4242", YearMonth.of(2030, 12));
    }

    @Override
    public GatewayPayment chargeSavedMethod(PaymentOrder order, SavedMethod method) {
        chargeCalls.add(order.reference());
        GatewayPayment done = payments.get(order.reference());
        if (done != null && done.state() == PaymentState.SUCCEEDED) {
            return done; // idempotent on the reference
        }
        Object next = chargeScript.isEmpty() ? PaymentState.SUCCEEDED : chargeScript.poll();
        if (next instanceof GatewayException e) {
            throw e;
        }
        PaymentState state = (PaymentState) next;
        GatewayPayment p = new GatewayPayment("pi_" + order.reference(), order.reference(), state, order.amount(),
                state == PaymentState.SUCCEEDED ? order.amount() : Money.zero(order.amount().currency()), PaymentMethodType.CARD, "cus_1",
                null, state == PaymentState.REQUIRES_ACTION
                        ? new NextAction(NextAction.Kind.CONFIRM_IN_BROWSER, "secret", null, null, null) : null,
                state == PaymentState.FAILED ? "card_declined" : state == PaymentState.REQUIRES_ACTION ? "authentication_required" : null,
                state == PaymentState.FAILED ? "Your card was declined." : null);
        payments.put(order.reference(), p);
        return p;
    }

    /** A delivery of an event about the payment of {@code reference}. */
    static WebhookDelivery event(String eventId, GatewayEvent.Type type, String reference, String received, Instant at) {
        String body = eventId + ";" + type + ";" + reference + ";" + (received == null ? "" : received) + ";" + at;
        return new WebhookDelivery(Map.of("test-signature", List.of("valid")), body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public GatewayEvent verifyWebhook(WebhookDelivery delivery) throws WebhookRejected {
        if (!delivery.header("Test-Signature").filter("valid"::equals).isPresent()) {
            throw new WebhookRejected("bad signature");
        }
        String[] f = new String(delivery.body(), StandardCharsets.UTF_8).split(";", -1);
        GatewayEvent.Type type = GatewayEvent.Type.valueOf(f[1]);
        String reference = f[2];
        Instant at = Instant.parse(f[4]);
        if (type == GatewayEvent.Type.METHOD_SAVED) {
            return new GatewayEvent(f[0], type, at, null, card("pm_" + reference), reference);
        }
        GatewayPayment known = payments.get(reference);
        Money amount = known == null ? Money.brl("0.00") : known.amount();
        PaymentState state = switch (type) {
            case PAYMENT_SUCCEEDED -> PaymentState.SUCCEEDED;
            case PAYMENT_PROCESSING -> PaymentState.PROCESSING;
            case PAYMENT_FAILED -> PaymentState.FAILED;
            case PAYMENT_CANCELED -> PaymentState.CANCELED;
            default -> PaymentState.REQUIRES_ACTION;
        };
        Money received = f[3].isEmpty() ? Money.zero(amount.currency()) : Money.brl(f[3]);
        GatewayPayment p = new GatewayPayment("pi_" + reference, reference, state, amount, received,
                known == null ? PaymentMethodType.CARD : known.method(), "cus_1", null, null, null, null);
        return new GatewayEvent(f[0], type, at, p, null, reference);
    }
}
