package io.clientele.ijob.impl.internal;

import io.clientele.platform.api.i18n.Messages;

/** The iJob module's texts for people ({@code messages.properties}, {@code messages_pt_BR.properties} beside this class). */
final class IJobTexts {

    static final Messages MESSAGES = Messages.of(IJobTexts.class, "messages");

    private IJobTexts() {
    }
}
