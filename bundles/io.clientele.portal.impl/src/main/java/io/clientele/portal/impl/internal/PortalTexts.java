package io.clientele.portal.impl.internal;

import io.clientele.platform.api.i18n.Messages;

/**
 * The portal module's texts for people ({@code messages.properties} in English, {@code messages_pt_BR.properties}
 * beside this class): its problem details and field messages, and the summaries of the customer's portal history
 * ({@code history.<kind>}), rendered in the reader's language when read.
 */
final class PortalTexts {

    static final Messages MESSAGES = Messages.of(PortalTexts.class, "messages");

    private PortalTexts() {
    }
}
