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
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Formats;
import io.clientele.platform.api.rest.Keyset;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.api.users.UserEvents;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Staff users of the caller's agency, on the platform's persistence unit ({@link UserRecord}, tenant-owned). */
@Component(service = {UserDirectory.class, UserStore.class})
public class UserStore implements UserDirectory {


    private final EntityWork work;
    private final PasswordPolicy passwordPolicy;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final HistoryService history;
    private final DomainEvents events;
    private final LoginThrottle throttle;

    @Activate
    public UserStore(@Reference Database database, @Reference(target = "(osgi.unit.name=platform)") EntityManagerFactory unit,
                     @Reference PasswordPolicy passwordPolicy, @Reference PasswordHasher hasher,
                     @Reference SessionService sessions, @Reference HistoryService history, @Reference DomainEvents events,
                     @Reference LoginThrottle throttle) {
        this.work = new EntityWork(database, unit);
        this.throttle = throttle;
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
        String name = request.name().trim();
        String email = request.email().trim();
        String hash = hasher.hash(request.password());
        return uniqueEmail(fieldPrefix, () -> work.inTransaction(em -> {
            UserRecord user = new UserRecord(id, name, email, request.roles(), hash, EntityWork.now());
            em.persist(user);
            em.flush();
            history.record("user", id, "user", id, "CREATED", HistoryService.diff(Map.of(), snapshot(name, email, request.roles(), true)));
            events.publish(UserEvents.USER_CREATED, Map.of("userId", id));
            return user.toApi();
        }));
    }

    /** Adds every problem of a new user's fields to {@code errors}, field names prefixed (e.g. {@code admin.}). */
    public void check(NewUser request, String fieldPrefix, FieldErrors errors) {
        checkName(errors, fieldPrefix + "name", request.name());
        checkEmail(errors, fieldPrefix + "email", request.email());
        if (request.roles() == null || request.roles().isEmpty()) {
            errors.add(fieldPrefix + "roles", "must name at least one role");
        }
        passwordPolicy.error(fieldPrefix + "password", request.password()).ifPresent(errors::add);
    }

    public User get(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("User " + id));
    }

    @Override
    public Optional<User> find(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(UserRecord.class, userId)).map(UserRecord::toApi));
    }

    @Override
    public List<String> unknownIds(Collection<String> userIds) {
        List<String> wanted = userIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        Set<String> known = new java.util.HashSet<>(work.inTransaction(em -> em.createQuery(
                "SELECT u.id FROM PlatformUser u WHERE u.id IN :ids", String.class).setParameter("ids", wanted).getResultList()));
        return wanted.stream().filter(id -> !known.contains(id)).toList();
    }

    @Override
    public List<User> all() {
        return work.inTransaction(em -> em.createQuery("SELECT u FROM PlatformUser u ORDER BY u.emailLower, u.id", UserRecord.class)
                .getResultList().stream().map(UserRecord::toApi).toList());
    }

    /** By e-mail (lower case), then id: the users' list order, and its cursor (lower-case e-mail, id). */
    static final Keyset<UserRecord> BY_EMAIL = Keyset.<UserRecord, String>ascending("emailLower", Keyset.TEXT, UserRecord::emailLower)
            .thenAscending("id", Keyset.ID, UserRecord::id);

    /** Users sorted by e-mail, keyset-paged. */
    public Page<User> list(int limit, String cursor, Boolean active) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (active != null) {
            params.put("active", active);
        }
        String condition = active == null ? null : "e.active = :active";
        return work.inTransaction(em -> KeysetPages.page(em, UserRecord.class, BY_EMAIL, condition, params,
                new PageRequest(limit, cursor), null)).map(UserRecord::toApi);
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
        return uniqueEmail("", () -> work.inTransaction(em -> {
            UserRecord user = record(em, id);
            user.requireVersion(expectedVersion, "user");
            User before = user.toApi();
            Set<Role> roles = changes.roles() == null ? before.roles() : changes.roles();
            boolean active = changes.active() == null ? before.active() : changes.active();
            if (before.active() && before.roles().contains(Role.ADMIN) && (!active || !roles.contains(Role.ADMIN))) {
                guardLastAdmin(em, id);
            }
            String name = changes.name() == null ? before.name() : changes.name().trim();
            String email = changes.email() == null ? before.email() : changes.email().trim();
            user.change(name, email, roles, active, EntityWork.now());
            em.flush();
            history.record("user", id, "user", id, "UPDATED", HistoryService.diff(
                    snapshot(before.name(), before.email(), before.roles(), before.active()),
                    snapshot(name, email, roles, active)));
            if (!active) {
                sessions.revokeAll(PrincipalKind.STAFF, id, null);
            }
            events.publish(before.active() && !active ? UserEvents.USER_DEACTIVATED : UserEvents.USER_UPDATED, Map.of("userId", id));
            return user.toApi();
        }));
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
        Current current = work.inTransaction(em -> {
            UserRecord user = record(em, userId);
            return new Current(user.passwordHash(), user.email());
        });
        FieldErrors errors = new FieldErrors();
        try (LoginThrottle.Attempt attempt = throttle.reserve(throttleKey(caller.agencySlug(), current.email()))) {
            if (currentPassword == null || !hasher.verify(currentPassword, current.hash())) {
                attempt.failed();
                errors.add("currentPassword", "is not your current password");
            } else {
                attempt.succeeded();
            }
        }
        passwordPolicy.error("newPassword", newPassword).ifPresent(errors::add);
        errors.throwIfAny();
        String newHash = hasher.hash(newPassword);
        work.inTransaction(em -> {
            record(em, userId).password(newHash, EntityWork.now());
            em.flush();
            history.record("user", userId, "user", userId, "PASSWORD_CHANGED", List.of());
            sessions.revokeAll(PrincipalKind.STAFF, userId, sessionId);
            return null;
        });
    }

    /** Credentials of the caller's agency's user with this e-mail (for login, which runs as the agency's system principal). */
    public Optional<UserStoreLogin> credentials(String email) {
        String emailLower = email.trim().toLowerCase(Locale.ROOT);
        return work.inTransaction(em -> em.createQuery("SELECT u FROM PlatformUser u WHERE u.emailLower = :email", UserRecord.class)
                .setParameter("email", emailLower).getResultList().stream().findFirst()
                .map(u -> new UserStoreLogin(u.id(), u.passwordHash(), u.active())));
    }

    /** The caller's agency's user {@code id}, or 404. */
    private static UserRecord record(EntityManager em, String id) {
        UserRecord user = em.find(UserRecord.class, id);
        if (user == null) {
            throw ProblemException.notFound("User " + id);
        }
        return user;
    }

    private static void guardLastAdmin(EntityManager em, String id) {
        long otherAdmins = em.createQuery("SELECT COUNT(u) FROM PlatformUser u WHERE u.active = :active AND u.id <> :id"
                + " AND u.roles LIKE :admin", Long.class).setParameter("active", true).setParameter("id", id).setParameter("admin", "%ADMIN%").getSingleResult();
        if (otherAdmins == 0) {
            throw ProblemException.conflict("The agency's last active ADMIN cannot be deactivated or lose the ADMIN role.");
        }
    }

    /** Runs a write; an e-mail the agency already has (the unique key on agency and lower-case e-mail) is 409 on it. */
    private static User uniqueEmail(String fieldPrefix, Supplier<User> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict(fieldPrefix + "email", "A user with this e-mail already exists in the agency.");
        }
    }

    private static Map<String, Object> snapshot(String name, String email, Set<Role> roles, boolean active) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("email", email);
        m.put("roles", UserRecord.rolesCsv(roles));
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
}
