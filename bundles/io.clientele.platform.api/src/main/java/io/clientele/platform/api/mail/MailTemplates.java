package io.clientele.platform.api.mail;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * E-mail text from templates, in the recipient's language, queued through the {@link Outbox}.
 *
 * <p>A template belongs to the bundle that sends the mail and is read through that bundle's class loader, so nothing
 * central lists a module's e-mails. For template {@code name} and each language of {@link #LANGUAGES} the bundle
 * carries {@code mail/<name>.<language>.txt} (e.g. {@code mail/portal-invitation.pt-BR.txt}): its first line is
 * {@code Subject: …}, then one empty line, then the plain-text body. An optional {@code mail/<name>.<language>.html}
 * beside it is the HTML body; when one language has it, every language must. Templates are
 * <a href="https://mustache.github.io/mustache.5.html">Mustache</a>: {@code {{name}}} inserts a model value (HTML-escaped
 * in the HTML body only), {@code {{#lines}}…{{/lines}}} repeats over a list; a name the model lacks is an error, not
 * an empty string.
 *
 * <p>The language: the recipient's when it is one of {@link #LANGUAGES} (a stored preference of the recipient), else the
 * current agency's ({@code Agency.locale()}), else {@link #DEFAULT_LANGUAGE}. {@code pt} alone counts as pt-BR,
 * {@code en-US} as en.
 *
 * @since 1.1.0
 */
@ProviderType
public interface MailTemplates {

    /** The product's default language: Brazilian Portuguese. */
    Locale DEFAULT_LANGUAGE = Locale.forLanguageTag("pt-BR");

    /** Every language a template must exist in. */
    List<Locale> LANGUAGES = List.of(DEFAULT_LANGUAGE, Locale.ENGLISH);

    /**
     * Loads and compiles template {@code name} through {@code owner}'s class loader. Call it when the sending component
     * activates, so a missing or broken file stops the component with the reason instead of failing the first mail.
     *
     * @throws IllegalStateException naming each missing language file, each unreadable or malformed one (no
     *                               {@code Subject:} line, a Mustache syntax error), and — in a running bundle — each
     *                               other template under the bundle's {@code mail/} lacking a language
     */
    MailTemplate load(Class<?> owner, String name);

    /** The language a mail to this recipient is written in (see the class comment); {@code recipient} may be null. */
    Locale languageFor(Locale recipient);

    /**
     * Renders {@code template} in {@code language} (one of {@link #LANGUAGES}; others are matched as in
     * {@link #languageFor}) without queuing it.
     *
     * @throws IllegalArgumentException when the model lacks a value the template uses
     */
    OutgoingMail render(MailTemplate template, String to, Locale language, Map<String, ?> model);

    /**
     * Renders {@code template} in {@link #languageFor languageFor(recipientLocale)} and queues it through the
     * {@link Outbox} in the caller's transaction, for the current agency; returns the outbox id.
     */
    String send(MailTemplate template, String to, Locale recipientLocale, Map<String, ?> model);
}
