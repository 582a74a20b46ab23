package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.platform.api.Role;
import io.clientele.platform.api.users.User;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MentionsTest {

    private static User user(String id, String name, boolean active) {
        return new User(id, name, id + "@acme.test", Set.of(Role.SERVICE), active, 0, Instant.EPOCH, Instant.EPOCH);
    }

    private static final List<User> USERS = List.of(user("ana", "Ana", true), user("ana-souza", "Ana Souza", true),
            user("bob", "Bob", true), user("carl", "Carl", false), user("anabel", "Anabel", true));

    @Test
    void namesAreMatchedCaseInsensitivelyAndTheLongestWins() {
        assertEquals(Set.of("ana-souza", "bob"), Mentions.mentionedUserIds("Hi @ana souza, please ask @BOB.", USERS));
        assertEquals(List.of("ana", "anabel"), List.copyOf(Mentions.mentionedUserIds("@Ana and @anabel", USERS)));
    }

    @Test
    void onlyWholeNamesOfActiveUsersOutsideEmailAddressesCount() {
        assertEquals(Set.of(), Mentions.mentionedUserIds("@Bobby is not Bob; @Carl left", USERS));
        assertEquals(Set.of(), Mentions.mentionedUserIds("write to bob@acme.test", USERS));
        assertEquals(Set.of(), Mentions.mentionedUserIds("no mentions at all @", USERS));
        assertEquals(Set.of("bob"), Mentions.mentionedUserIds("(@bob)", USERS));
        assertEquals(Set.of(), Mentions.mentionedUserIds(null, USERS));
    }
}
