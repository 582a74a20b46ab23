package io.clientele.budget.impl.internal;

import io.clientele.budget.api.Budget;
import io.clientele.budget.api.BudgetEntry;
import io.clientele.budget.api.EntryKind;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;

/** The REST representations and request bodies of the module: money as decimal strings beside its currency. */
public final class Views {

    private Views() {
    }

    @Schema(name = "Budget")
    public record BudgetView(String id, String customerId, String campaign, @Schema(example = "1250.00") String amount,
                      @Schema(example = "BRL") String currency, LocalDate startDate, LocalDate endDate, long version,
                      Instant createdAt, Instant updatedAt) {
        static BudgetView of(Budget b) {
            return new BudgetView(b.id(), b.customerId(), b.campaign(), b.amount().toPlainString(), b.amount().currencyCode(), b.startDate(),
                    b.endDate(), b.version(), b.createdAt(), b.updatedAt());
        }
    }

    @Schema(name = "NewBudget")
    public record NewBudget(String customerId, String campaign, @Schema(example = "1250.00", description = "positive, at most 2 decimals") String amount,
                     @Schema(example = "BRL", description = "ISO 4217") String currency,
                     @Schema(example = "2026-01-01", description = "YYYY-MM-DD") String startDate,
                     @Schema(example = "2026-12-31", description = "YYYY-MM-DD, not before startDate") String endDate) {
    }

    @Schema(name = "BudgetEntry", description = "A commitment (open until turned into spend) or spend on a budget")
    public record EntryView(String id, String budgetId, EntryKind kind, @Schema(example = "300.00") String amount, String currency,
                     String description, String jobId,
                     @Schema(description = "a commitment not yet turned into spend (counts as committed)") boolean open,
                     @Schema(description = "on spend made from a commitment: that commitment") String commitmentId,
                     @Schema(description = "on a commitment turned into spend: the spend entry") String spentEntryId,
                     Instant createdAt) {
        static EntryView of(BudgetEntry e) {
            return new EntryView(e.id(), e.budgetId(), e.kind(), e.amount().toPlainString(), e.amount().currencyCode(), e.description(), e.jobId(),
                    e.open(), e.commitmentId(), e.spentEntryId(), e.createdAt());
        }
    }

    @Schema(name = "NewBudgetEntry")
    public record NewEntry(@Schema(allowableValues = {"COMMITTED", "SPENT"}) String kind,
                    @Schema(example = "300.00", description = "positive, at most 2 decimals") String amount,
                    @Schema(description = "optional; must be the budget's currency") String currency, String description, String jobId) {
    }

    @Schema(name = "BudgetSpend", description = "Turns a commitment into spend; send {} to spend exactly the committed amount")
    public record Spend(@Schema(example = "280.00", description = "the amount actually spent; default: the committed amount") String amount,
                 @Schema(description = "default: the commitment's description") String description) {
    }

    @Schema(name = "BudgetSettings")
    public record Settings(@Schema(example = "80.00", description = "budgets at or above this % used are WARNING (0.01–100.00)")
                    String warningThresholdPercent) {
    }
}
