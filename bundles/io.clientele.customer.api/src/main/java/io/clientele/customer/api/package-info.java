/** The customer registry for other modules. 1.4.0: {@link io.clientele.customer.api.CustomerSettings} refuses with its own {@link io.clientele.customer.api.CustomerSettings.Refused}. 1.5.0: {@link io.clientele.customer.api.CustomerSettings.Refused.Reason} is a {@link io.clientele.platform.api.domain.Refusal.Reason}, each constant naming its kind with {@link io.clientele.platform.api.domain.Refusal.As}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package io.clientele.customer.api;
