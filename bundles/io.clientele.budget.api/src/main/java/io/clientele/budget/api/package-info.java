/** Module "budget": budgets per customer and campaign, commitments and spend against them, their balances. Amounts are {@link io.clientele.platform.api.money.Money} (2.0.0: was BigDecimal beside a currency code). 2.1.0: the service refuses with {@link io.clientele.platform.api.domain.Refusal}s of its own, {@link io.clientele.budget.api.BudgetService.Refused}. 2.2.0: {@link io.clientele.budget.api.BudgetService.Refused.Reason} is a {@link io.clientele.platform.api.domain.Refusal.Reason}, each constant naming its kind with {@link io.clientele.platform.api.domain.Refusal.As}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.2.0")
package io.clientele.budget.api;
