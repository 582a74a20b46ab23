package io.clientele.monthlyfee.api;

import io.clientele.platform.api.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An estimate (quote) for a customer, its lines and total in one currency. {@code decision} is null until the estimate
 * is ACCEPTED or DECLINED.
 *
 * @since 2.3.0
 */
public record Estimate(String id, String customerId, String title, List<Line> lines, Money total, EstimateStatus status,
                       String sentTo, Instant sentAt, Decision decision, long version, Instant createdAt, Instant updatedAt) {
    public Estimate {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** One line: {@code amount} is {@code quantity × unitPrice}, in the estimate's currency. */
    public record Line(String description, BigDecimal quantity, Money unitPrice, Money amount) {
    }

    /**
     * Who answered the estimate and when: a contact through the portal ({@code contactId} and {@code contactName}, with
     * the contact's optional {@code comment}), or a staff user recording the customer's answer ({@code userId}).
     */
    public record Decision(EstimateStatus status, Instant decidedAt, String contactId, String contactName, String userId,
                           String comment) {
    }
}
