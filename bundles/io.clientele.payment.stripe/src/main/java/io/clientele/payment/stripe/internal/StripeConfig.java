package io.clientele.payment.stripe.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Stripe gateway's configuration (etc/io.clientele.payment.stripe.cfg). The two secrets are private properties
 * ({@code .secretKey}, {@code .webhookSecret}: the leading dot keeps them out of the service's properties, which anyone
 * listing services could read).
 */
@ObjectClassDefinition(name = "Clientele payments: Stripe",
        description = "The Stripe payment gateway (etc/io.clientele.payment.stripe.cfg)")
public @interface StripeConfig {

    @AttributeDefinition(description = "Base URL of Stripe's API (a local fake server in tests)")
    String apiBaseUrl() default "https://api.stripe.com";

    /** Property {@code .secretKey}. */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Secret API key (sk_live_… / sk_test_… or a restricted rk_…); never logged")
    String _secretKey() default "";

    /** Property {@code .webhookSecret}. */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Signing secret (whsec_…) of the webhook endpoint registered at Stripe; never logged")
    String _webhookSecret() default "";

    @AttributeDefinition(description = "Publishable key (pk_…); not needed: cards are paid and saved on Stripe's hosted Checkout page, no Stripe.js in the portal. Accepted and unused")
    String publishableKey() default "";

    @AttributeDefinition(description = "Milliseconds to connect to Stripe")
    int connectTimeoutMillis() default 5000;

    @AttributeDefinition(description = "Milliseconds a call to Stripe may take in all")
    int requestTimeoutMillis() default 30000;

    @AttributeDefinition(description = "Seconds a webhook's signed timestamp may lie from now, either side")
    int webhookToleranceSeconds() default 300;

    @AttributeDefinition(description = "Days a boleto voucher can be paid (Stripe: 1 to 60)")
    int boletoExpiresAfterDays() default 3;

    @AttributeDefinition(description = "Seconds a Pix code can be paid (Stripe: 10 to 1209600)")
    int pixExpiresAfterSeconds() default 86400;
}
