package io.clientele.payment.api;

import java.net.URI;
import java.time.Instant;

/**
 * What the payer has to do next.
 *
 * @param kind         which of the forms below
 * @param clientSecret for {@link Kind#CONFIRM_IN_BROWSER}: the secret the gateway's browser library confirms with
 *                     (never stored by the platform, never logged)
 * @param url          for {@link Kind#REDIRECT}: the gateway's hosted page; for {@link Kind#BOLETO}: the voucher
 *                     (PDF/HTML); for {@link Kind#PIX}: an image of the QR code when the gateway hosts one
 * @param code         for {@link Kind#BOLETO}: the voucher's typeable line (linha digitável); for {@link Kind#PIX}:
 *                     the copy-paste code (EMV)
 * @param expiresAt    when a boleto voucher or Pix code stops being payable, else {@code null}
 */
public record NextAction(Kind kind, String clientSecret, URI url, String code, Instant expiresAt) {

    public enum Kind {
        /** Confirm in the payer's browser with the gateway's library and {@link #clientSecret()}. */
        CONFIRM_IN_BROWSER,
        /** Open {@link #url()}, the gateway's hosted page (3-D Secure, checkout). */
        REDIRECT,
        /** Pay the boleto voucher at {@link #url()} / with {@link #code()} before {@link #expiresAt()}. */
        BOLETO,
        /** Pay the Pix {@link #code()} before {@link #expiresAt()}. */
        PIX
    }
}
