package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.i18n.Messages;

/** The monthly-fee module's texts for people ({@code messages.properties}, {@code messages_pt_BR.properties} beside this class). */
final class MonthlyFeeTexts {

    static final Messages MESSAGES = Messages.of(MonthlyFeeTexts.class, "messages");

    private MonthlyFeeTexts() {
    }
}
