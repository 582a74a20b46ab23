package io.clientele.contact.impl.internal;

import io.clientele.platform.api.i18n.Messages;

/** The contact module's texts for people ({@code messages.properties}, {@code messages_pt_BR.properties} beside this class). */
final class ContactTexts {

    static final Messages MESSAGES = Messages.of(ContactTexts.class, "messages");

    private ContactTexts() {
    }
}
