package io.clientele.contact.api;

import java.time.Instant;

/**
 * A contact as the agency's list of portal users shows it.
 *
 * @param contact              the contact and its {@link PortalStatus}
 * @param lastLoginAt          its last portal login, null when it never logged in
 * @param invitationExpiresAt  when its unused activation link stops working, null when it has no usable one
 * @since 1.5.0
 */
public record PortalAccount(Contact contact, Instant lastLoginAt, Instant invitationExpiresAt) {
}
