/** Module "budget": budgets per customer and campaign, commitments and spend against them, their balances. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.clientele.budget.api;
