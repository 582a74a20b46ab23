/**
 * The languages the server speaks to people: {@link io.clientele.platform.api.i18n.Locales} (English and Brazilian
 * Portuguese, the request's choice read from {@code Accept-Language}) and {@link io.clientele.platform.api.i18n.Messages},
 * the lookup of a bundle's own message files ({@code messages.properties} in English, {@code messages_pt_BR.properties})
 * that problem details, field errors and history summaries are written with.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.clientele.platform.api.i18n;
