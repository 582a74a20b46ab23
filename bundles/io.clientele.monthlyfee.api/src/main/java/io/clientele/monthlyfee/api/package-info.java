/** Module "monthly-fee" for other modules: a customer's invoices and their payments. Amounts are the platform's {@link io.clientele.platform.api.money.Money} (2.0.0: were decimal strings beside a currency code). 2.1.0: {@link io.clientele.monthlyfee.api.BillingService} refuses with its own {@link io.clientele.platform.api.domain.Refusal}, {@link io.clientele.monthlyfee.api.BillingService.Refused}. 2.2.0: {@link io.clientele.monthlyfee.api.BillingService.Refused.Reason} is a {@link io.clientele.platform.api.domain.Refusal.Reason}, each constant naming its kind with {@link io.clientele.platform.api.domain.Refusal.As}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.2.0")
package io.clientele.monthlyfee.api;
