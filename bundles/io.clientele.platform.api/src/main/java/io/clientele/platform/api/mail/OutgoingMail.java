package io.clientele.platform.api.mail;

/** An e-mail to send. {@code htmlBody} may be null (plain text only). */
public record OutgoingMail(String to, String subject, String textBody, String htmlBody) {
}
