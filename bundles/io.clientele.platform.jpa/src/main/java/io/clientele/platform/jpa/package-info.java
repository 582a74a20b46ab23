/**
 * What every JPA persistence unit of the platform and its modules builds on. A module owns its unit
 * ({@code Meta-Persistence: META-INF/persistence.xml} in its implementation bundle, entities inside it); the Aries JPA
 * container builds the unit's {@code EntityManagerFactory} once the platform's DataSource exists (after the
 * migrations) and takes it away with the bundle. Liquibase owns the schema: no unit generates DDL.
 *
 * <p>A unit's {@code persistence.xml} names {@link io.clientele.platform.jpa.ClienteleUnit} as its session customizer and
 * the platform's DataSource; its entities extend {@link io.clientele.platform.jpa.TenantOwned} (or say why they are
 * shared across agencies with {@link io.clientele.platform.jpa.SharedAcrossAgencies}); its stores run their work
 * through {@link io.clientele.platform.jpa.EntityWork}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package io.clientele.platform.jpa;
