/** The customer registry for other modules. 1.4.0: {@link io.clientele.customer.api.CustomerSettings} refuses with its own {@link io.clientele.customer.api.CustomerSettings.Refused}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package io.clientele.customer.api;
