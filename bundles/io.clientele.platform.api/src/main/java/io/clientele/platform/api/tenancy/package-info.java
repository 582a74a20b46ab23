/** Agencies and their module subscriptions. 1.3.0: {@link io.clientele.platform.api.tenancy.AgencyDirectory} refuses with its own {@link io.clientele.platform.api.tenancy.AgencyDirectory.Refused}. 1.4.0: {@link io.clientele.platform.api.tenancy.AgencyDirectory.Refused.Reason} is a {@link io.clientele.platform.api.domain.Refusal.Reason}, each constant naming its kind with {@link io.clientele.platform.api.domain.Refusal.As}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package io.clientele.platform.api.tenancy;
