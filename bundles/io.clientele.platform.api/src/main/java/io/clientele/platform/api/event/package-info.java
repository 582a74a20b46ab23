/** Domain events. 1.1.0: {@link io.clientele.platform.api.event.TransactionalEventListener}, to act on an event in its change's transaction. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.clientele.platform.api.event;
