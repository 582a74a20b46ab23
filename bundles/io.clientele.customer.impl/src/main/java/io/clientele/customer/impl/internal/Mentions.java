package io.clientele.customer.impl.internal;

import io.clientele.platform.api.users.User;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code @Name} mentions in a comment's text, matched against the agency's active users by their full name,
 * case-insensitively. Names may contain spaces ({@code @Ana Souza}); where one name is a prefix of another the
 * longer match wins, and a match must end at a non-letter/digit so {@code @Ana} does not match "Anabel".
 */
final class Mentions {

    private Mentions() {
    }

    /** The ids of the active users mentioned in {@code body}, in order of first mention. */
    static Set<String> mentionedUserIds(String body, List<User> users) {
        Set<String> ids = new LinkedHashSet<>();
        if (body == null || body.indexOf('@') < 0) {
            return ids;
        }
        List<User> candidates = users.stream().filter(User::active).filter(u -> u.name() != null && !u.name().isBlank())
                .sorted(Comparator.comparingInt((User u) -> u.name().trim().length()).reversed()).toList();
        for (int at = body.indexOf('@'); at >= 0; at = body.indexOf('@', at + 1)) {
            if (at > 0 && isNamePart(body.charAt(at - 1))) {
                continue; // an e-mail address such as ana@acme.test, not a mention
            }
            for (User u : candidates) {
                String name = u.name().trim();
                int end = at + 1 + name.length();
                if (body.regionMatches(true, at + 1, name, 0, name.length()) && (end == body.length() || !isNamePart(body.charAt(end)))) {
                    ids.add(u.id());
                    break;
                }
            }
        }
        return ids;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
