package io.clientele.budget.api;

import io.clientele.platform.api.money.Money;
import java.time.Instant;

/**
 * One movement on a budget. Entries are never edited: a commitment is settled by turning it into spend,
 * which adds a {@link EntryKind#SPENT} entry and closes the commitment.
 *
 * @param amount       positive, in the budget's currency
 * @param open         for a commitment: true until it is turned into spend; always false for spend
 * @param commitmentId for spend made from a commitment: that commitment
 * @param spentEntryId for a settled commitment: the spend entry it became
 */
public record BudgetEntry(String id, String budgetId, EntryKind kind, Money amount, String description, String jobId, boolean open,
                          String commitmentId, String spentEntryId, Instant createdAt) {
}
