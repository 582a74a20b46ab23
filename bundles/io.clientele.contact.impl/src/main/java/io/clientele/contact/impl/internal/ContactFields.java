package io.clientele.contact.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.PortalStatus;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Formats;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The rules of a contact's own fields: how input is normalized, what is valid, what the customer's history records. */
final class ContactFields {

    private ContactFields() {
    }

    /** The input with blank strings as null, trimmed, the flags false when absent, under {@code customerId}. */
    static Contact normalize(Contact c, String customerId) {
        return new Contact(c.id(), customerId, trim(c.name()), trim(c.email()), trim(c.phone()), trim(c.position()),
                Boolean.TRUE.equals(c.primary()), c.notes(), Boolean.TRUE.equals(c.canOpenJobsForGroup()),
                c.portalStatus() == null ? PortalStatus.NONE : c.portalStatus(), c.version() == null ? 0L : c.version(),
                c.createdAt(), c.updatedAt());
    }

    /** @throws io.clientele.platform.api.rest.ProblemException 422 naming every invalid field */
    static void validate(Contact c) {
        FieldErrors errors = new FieldErrors();
        if (c.name() == null) {
            errors.required("name");
        } else if (c.name().length() > 200) {
            errors.add("name", "too_long", ContactTexts.MESSAGES.text("field.too_long", Map.of("max", 200)));
        }
        if (c.email() != null && !Formats.isEmail(c.email())) {
            errors.add("email", "invalid_email", ContactTexts.MESSAGES.text("field.invalid_email"));
        }
        if (c.phone() != null && c.phone().length() > 40) {
            errors.add("phone", "too_long", ContactTexts.MESSAGES.text("field.too_long", Map.of("max", 40)));
        }
        if (c.position() != null && c.position().length() > 100) {
            errors.add("position", "too_long", ContactTexts.MESSAGES.text("field.too_long", Map.of("max", 100)));
        }
        if (c.notes() != null && c.notes().length() > 4000) {
            errors.add("notes", "too_long", ContactTexts.MESSAGES.text("field.too_long", Map.of("max", 4000)));
        }
        errors.throwIfAny();
    }

    /** The fields the customer's history compares before and after a change. */
    static Map<String, Object> snapshot(Contact c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("email", c.email());
        m.put("phone", c.phone());
        m.put("position", c.position());
        m.put("primary", c.primary());
        m.put("notes", c.notes());
        m.put("canOpenJobsForGroup", c.canOpenJobsForGroup());
        m.put("portalStatus", c.portalStatus());
        return m;
    }

    /** Whether two e-mails are the same login (case and surrounding blanks do not count). */
    static boolean sameEmail(String a, String b) {
        return lower(a).equals(lower(b));
    }

    static String lower(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
