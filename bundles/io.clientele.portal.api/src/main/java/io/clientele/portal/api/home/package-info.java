/**
 * What the portal's Home shows from other modules, each through a port a small bridge bundle implements on that module's
 * own service API while both modules are installed (the feature {@code clientele-portal} installs the bridge under the
 * other module's feature as a condition, so neither module is refreshed when the other comes or goes): the customer's
 * open invoices and balance due ({@link io.clientele.portal.api.home.BillingPort}, on monthly-fee's
 * {@code BillingService}) and the pieces awaiting its approval ({@link io.clientele.portal.api.home.ApprovalsPort}, on
 * iJob's {@code JobService}). A port that is absent leaves its part of Home out.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.clientele.portal.api.home;
