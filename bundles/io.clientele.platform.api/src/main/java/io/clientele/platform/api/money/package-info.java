/**
 * Money: an exact amount at its currency's ISO 4217 minor units beside that currency, the one rule that reads amounts
 * from API input (a 400 naming the field for bad input), and its formatting for people (pt-BR, en).
 * Module APIs carry {@link io.clientele.platform.api.money.Money} instead of decimal strings or bare {@code BigDecimal}s;
 * the REST edge of each module writes it as the API's decimal string ({@code "1250.00"}) beside its {@code currency}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.clientele.platform.api.money;
