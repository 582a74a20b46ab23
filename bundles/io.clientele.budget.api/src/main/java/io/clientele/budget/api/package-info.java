/** Module "budget": budgets per customer and campaign, commitments and spend against them, their balances. Amounts are {@link io.clientele.platform.api.money.Money} (2.0.0: was BigDecimal beside a currency code). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package io.clientele.budget.api;
