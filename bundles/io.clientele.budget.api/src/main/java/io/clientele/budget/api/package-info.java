/** Module "budget": budgets per customer and campaign, commitments and spend against them, their balances. Amounts are {@link io.clientele.platform.api.money.Money} (2.0.0: was BigDecimal beside a currency code). 2.1.0: the service refuses with {@link io.clientele.platform.api.domain.Refusal}s of its own, {@link io.clientele.budget.api.BudgetService.Refused}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package io.clientele.budget.api;
