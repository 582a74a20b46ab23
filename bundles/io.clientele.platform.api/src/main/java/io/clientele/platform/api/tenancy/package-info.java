/** Agencies and their module subscriptions. 1.3.0: {@link io.clientele.platform.api.tenancy.AgencyDirectory} refuses with its own {@link io.clientele.platform.api.tenancy.AgencyDirectory.Refused}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.clientele.platform.api.tenancy;
