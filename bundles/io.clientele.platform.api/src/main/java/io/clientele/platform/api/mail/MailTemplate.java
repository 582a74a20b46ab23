package io.clientele.platform.api.mail;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A mail template of one bundle, loaded and checked by {@link MailTemplates#load}: every language of
 * {@link MailTemplates#LANGUAGES} present and compiled. Hold it for the life of the component that sends it.
 *
 * @since 1.1.0
 */
@ProviderType
public interface MailTemplate {

    /** The template's name, e.g. {@code portal-invitation} (its files are {@code mail/portal-invitation.<language>.txt}). */
    String name();
}
