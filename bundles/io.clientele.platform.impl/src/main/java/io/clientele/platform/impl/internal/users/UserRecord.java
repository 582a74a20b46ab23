package io.clientele.platform.impl.internal.users;

import io.clientele.platform.api.Role;
import io.clientele.platform.api.users.User;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A staff user of an agency as stored ({@code platform_user}): the e-mail is unique per agency ignoring case
 * ({@code email_lower}), the roles a comma-separated list in {@link Role} order, the password only as its hash.
 */
@Entity(name = "PlatformUser")
@Table(name = "platform_user")
public class UserRecord extends TenantOwned {

    @Column(name = "name", length = 200, nullable = false)
    private String name;

    @Column(name = "email", length = 254, nullable = false)
    private String email;

    @Column(name = "email_lower", length = 254, nullable = false)
    private String emailLower;

    @Column(name = "password_hash", length = 200, nullable = false)
    private String passwordHash;

    @Column(name = "roles", length = 200, nullable = false)
    private String roles;

    @Column(name = "active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected UserRecord() {
    }

    /** A new, active user (fields already checked and trimmed). */
    UserRecord(String id, String name, String email, Set<Role> roles, String passwordHash, Instant now) {
        super(id);
        this.passwordHash = passwordHash;
        this.active = true;
        this.createdAt = now;
        change(name, email, roles, true, now);
    }

    void change(String name, String email, Set<Role> roles, boolean active, Instant now) {
        this.name = name;
        this.email = email;
        this.emailLower = email.toLowerCase(Locale.ROOT);
        this.roles = rolesCsv(roles);
        this.active = active;
        this.updatedAt = now;
    }

    void password(String hash, Instant now) {
        this.passwordHash = hash;
        this.updatedAt = now;
    }

    String passwordHash() {
        return passwordHash;
    }

    String email() {
        return email;
    }

    /** The e-mail in lower case: the users' list order. */
    String emailLower() {
        return emailLower;
    }

    boolean active() {
        return active;
    }

    static String rolesCsv(Set<Role> roles) {
        return EnumSet.copyOf(roles).stream().map(Role::name).collect(Collectors.joining(","));
    }

    User toApi() {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String r : roles.split(",")) {
            if (!r.isBlank()) {
                parsed.add(Role.valueOf(r));
            }
        }
        return new User(id(), name, email, parsed, active, version(), createdAt, updatedAt);
    }
}
