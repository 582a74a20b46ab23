package io.clientele.platform.impl.internal.users;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.auth.LoginThrottle;
import io.clientele.platform.api.auth.PasswordHasher;
import io.clientele.platform.api.auth.PasswordPolicy;
import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.Cursor;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Formats;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.api.users.UserEvents;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Staff users of the caller's agency (every query scoped through {@link TenantTable}). */
@Component(service = {UserDirectory.class, UserStore.class})
public class UserStore implements UserDirectory {


    private final Database database;
    private final TenantTable users;
    private final PasswordPolicy passwordPolicy;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final HistoryService history;
    private final DomainEvents events;
    private final LoginThrottle throttle;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public UserStore(@Reference Database database, @Reference PasswordPolicy passwordPolicy, @Reference PasswordHasher hasher,
                     @Reference SessionService sessions, @Reference HistoryService history, @Reference DomainEvents events,
                     @Reference LoginThrottle throttle) {
        this.database = database;
        this.throttle = throttle;
        this.users = new TenantTable(database, "platform_user");
        this.passwordPolicy = passwordPolicy;
        this.hasher = hasher;
        this.sessions = sessions;
        this.history = history;
        this.events = events;
    }

    public record NewUser(String name, String email, Set<Role> roles, String password) {
    }

    public record UserChanges(String name, String email, Set<Role> roles, Boolean active) {
    }

    /** Creates a user in the caller's agency. Bad fields are all named at once; a taken e-mail is 409. */
    public User create(NewUser request, String fieldPrefix) {
        FieldErrors errors = new FieldErrors();
        check(request, fieldPrefix, errors);
        errors.throwIfAny();
        String id = Jdbc.newId();
        Instant now = clock.instant();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", request.name().trim());
        row.put("email", request.email().trim());
        row.put("email_lower", request.email().trim().toLowerCase(Locale.ROOT));
        row.put("password_hash", hasher.hash(request.password()));
        row.put("roles", rolesCsv(request.roles()));
        row.put("active", true);
        row.put("version", 0L);
        row.put("created_at", now);
        row.put("updated_at", now);
        return database.inTransaction(c -> {
            try {
                users.insert(row);
            } catch (DuplicateKeyException e) {
                throw ProblemException.conflict(fieldPrefix + "email", "A user with this e-mail already exists in the agency.");
            }
            history.record("user", id, "user", id, "CREATED", HistoryService.diff(Map.of(), snapshot(request.name().trim(),
                    request.email().trim(), request.roles(), true)));
            events.publish(UserEvents.USER_CREATED, Map.of("userId", id));
            return get(id);
        });
    }

    /** Adds every problem of a new user's fields to {@code errors}, field names prefixed (e.g. {@code admin.}). */
    public void check(NewUser request, String fieldPrefix, FieldErrors errors) {
        checkName(errors, fieldPrefix + "name", request.name());
        checkEmail(errors, fieldPrefix + "email", request.email());
        if (request.roles() == null || request.roles().isEmpty()) {
            errors.add(fieldPrefix + "roles", "must name at least one role");
        }
        passwordPolicy.problem(request.password()).ifPresent(p -> errors.add(fieldPrefix + "password", p));
    }

    public User get(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("User " + id));
    }

    @Override
    public Optional<User> find(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return users.findById(userId, UserStore::map);
    }

    @Override
    public List<String> unknownIds(Collection<String> userIds) {
        List<String> wanted = userIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(", ", java.util.Collections.nCopies(wanted.size(), "?"));
        Set<String> known = new java.util.HashSet<>(users.find("id IN (" + placeholders + ")", wanted, null, 0,
                rs -> rs.getString("id")));
        return wanted.stream().filter(id -> !known.contains(id)).toList();
    }

    @Override
    public List<User> all() {
        return users.find(null, List.of(), "email_lower, id", 0, UserStore::map);
    }

    /** Users sorted by e-mail, keyset-paged. */
    public Page<User> list(int limit, String cursor, Boolean active) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("1 = 1");
        if (cursor != null) {
            List<String> after = Cursor.decode(cursor, 2);
            where.append(" AND (email_lower > ? OR (email_lower = ? AND id > ?))");
            params.add(after.get(0));
            params.add(after.get(0));
            params.add(after.get(1));
        }
        if (active != null) {
            where.append(" AND active = ?");
            params.add(active);
        }
        List<User> rows = users.find(where.toString(), params, "email_lower, id", limit + 1, UserStore::map);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            User last = rows.get(limit - 1);
            next = Cursor.encode(last.email().toLowerCase(Locale.ROOT), last.id());
        }
        return new Page<>(rows, next);
    }

    /** Applies the non-null changes if the user still has {@code expectedVersion} (when given). */
    public User update(String id, Long expectedVersion, UserChanges changes) {
        FieldErrors errors = new FieldErrors();
        if (changes.name() != null) {
            checkName(errors, "name", changes.name());
        }
        if (changes.email() != null) {
            checkEmail(errors, "email", changes.email());
        }
        if (changes.roles() != null && changes.roles().isEmpty()) {
            errors.add("roles", "must name at least one role");
        }
        errors.throwIfAny();
        return database.inTransaction(c -> {
            User before = get(id);
            if (expectedVersion != null && expectedVersion != before.version()) {
                throw ProblemException.preconditionFailed("The user changed since it was read; read it again and retry.");
            }
            Set<Role> roles = changes.roles() == null ? before.roles() : changes.roles();
            boolean active = changes.active() == null ? before.active() : changes.active();
            if (before.active() && before.roles().contains(Role.ADMIN) && (!active || !roles.contains(Role.ADMIN))) {
                guardLastAdmin(id);
            }
            Map<String, Object> set = new LinkedHashMap<>();
            String name = changes.name() == null ? before.name() : changes.name().trim();
            String email = changes.email() == null ? before.email() : changes.email().trim();
            set.put("name", name);
            set.put("email", email);
            set.put("email_lower", email.toLowerCase(Locale.ROOT));
            set.put("roles", rolesCsv(roles));
            set.put("active", active);
            set.put("updated_at", clock.instant());
            int n;
            try {
                n = users.update(id, before.version(), set);
            } catch (DuplicateKeyException e) {
                throw ProblemException.conflict("email", "A user with this e-mail already exists in the agency.");
            }
            if (n != 1) {
                throw ProblemException.preconditionFailed("The user changed since it was read; read it again and retry.");
            }
            history.record("user", id, "user", id, "UPDATED", HistoryService.diff(
                    snapshot(before.name(), before.email(), before.roles(), before.active()),
                    snapshot(name, email, roles, active)));
            if (!active) {
                sessions.revokeAll(PrincipalKind.STAFF, id, null);
            }
            events.publish(before.active() && !active ? UserEvents.USER_DEACTIVATED : UserEvents.USER_UPDATED, Map.of("userId", id));
            return get(id);
        });
    }

    /** Deactivates a user (users are never erased: history names them); their sessions end. */
    public void deactivate(String id) {
        update(id, null, new UserChanges(null, null, null, false));
    }

    /** The login throttle's key of a staff account (shared by logins and password changes, so both count guesses). */
    public static String throttleKey(String agencySlug, String email) {
        return "staff:" + agencySlug.trim().toLowerCase(Locale.ROOT) + ":" + email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Changes the current user's password after checking the current one; other sessions are revoked. The check is a
     * password guess like a login's: it reserves an attempt of the account's throttle first.
     */
    public void changeOwnPassword(String currentPassword, String newPassword) {
        Principal caller = RequestContext.principal();
        String userId = caller.id();
        String sessionId = caller.sessionId();
        record Current(String hash, String email) {
        }
        Current current = database.inTransaction(c -> users.find("id = ?", List.of(userId), null, 1,
                        rs -> new Current(rs.getString("password_hash"), rs.getString("email")))
                .stream().findFirst().orElseThrow(() -> ProblemException.notFound("User " + userId)));
        FieldErrors errors = new FieldErrors();
        try (LoginThrottle.Attempt attempt = throttle.reserve(throttleKey(caller.agencySlug(), current.email()))) {
            if (currentPassword == null || !hasher.verify(currentPassword, current.hash())) {
                attempt.failed();
                errors.add("currentPassword", "is not your current password");
            } else {
                attempt.succeeded();
            }
        }
        passwordPolicy.problem(newPassword).ifPresent(p -> errors.add("newPassword", p));
        errors.throwIfAny();
        String newHash = hasher.hash(newPassword);
        database.inTransaction(c -> {
            int n = users.update(userId, null, Map.of("password_hash", newHash, "updated_at", clock.instant()));
            if (n != 1) {
                throw ProblemException.notFound("User " + userId);
            }
            history.record("user", userId, "user", userId, "PASSWORD_CHANGED", List.of());
            sessions.revokeAll(PrincipalKind.STAFF, userId, sessionId);
            return null;
        });
    }

    /** Credentials of the caller's agency's user with this e-mail (for login, which runs as the agency's system principal). */
    public Optional<UserStoreLogin> credentials(String email) {
        return users.find("email_lower = ?", List.of(email.trim().toLowerCase(Locale.ROOT)), null, 1,
                rs -> new UserStoreLogin(rs.getString("id"), rs.getString("password_hash"), rs.getBoolean("active")))
                .stream().findFirst();
    }

    private void guardLastAdmin(String id) {
        long otherAdmins = users.count("active = ? AND id <> ? AND roles LIKE ?", List.of(true, id, "%ADMIN%"));
        if (otherAdmins == 0) {
            throw ProblemException.conflict("The agency's last active ADMIN cannot be deactivated or lose the ADMIN role.");
        }
    }

    private static Map<String, Object> snapshot(String name, String email, Set<Role> roles, boolean active) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("email", email);
        m.put("roles", rolesCsv(roles));
        m.put("active", active);
        return m;
    }

    static void checkName(FieldErrors errors, String field, String name) {
        if (name == null || name.isBlank()) {
            errors.add(field, "is required");
        } else if (name.trim().length() > 200) {
            errors.add(field, "must have at most 200 characters");
        }
    }

    public static void checkEmail(FieldErrors errors, String field, String email) {
        if (email == null || email.isBlank()) {
            errors.add(field, "is required");
        } else if (!Formats.isEmail(email.trim())) {
            errors.add(field, "is not a valid e-mail address");
        }
    }

    static String rolesCsv(Set<Role> roles) {
        return EnumSet.copyOf(roles).stream().map(Role::name).collect(Collectors.joining(","));
    }

    static User map(ResultSet rs) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : rs.getString("roles").split(",")) {
            if (!r.isBlank()) {
                roles.add(Role.valueOf(r));
            }
        }
        return new User(rs.getString("id"), rs.getString("name"), rs.getString("email"), roles, rs.getBoolean("active"),
                rs.getLong("version"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }
}
