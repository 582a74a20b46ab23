package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.customer.api.CustomerEvents;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Keyset;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Comments on customers, the users they mention (notified in-app) and files attached to them. Everything is
 * reachable exactly when the customer is visible to the caller, and recorded in the customer's history.
 *
 * <p>Attachment bytes are kept in the database (a BLOB in a table of their own, apart from the metadata that
 * lists read), not in a folder under {@code karaf.data}: several nodes may share one PostgreSQL, and a file
 * written on one node's disk would be missing on the others; the database also keeps file and comment in one
 * transaction and one backup, and nothing is ever under a web root. Files are small (a configurable limit,
 * 10 MB by default), so holding one in memory while it is stored or served is acceptable.
 */
@Component(service = CommentStore.class)
public class CommentStore {

    static final int MAX_BODY = 10_000;
    static final int MAX_MENTIONS = 50;

    /** A comment as the API shows it. */
    public record Comment(String id, String customerId, String authorId, String authorName, String body,
                          List<String> mentionedUserIds, List<Attachment> attachments, Instant createdAt) {
    }

    /** An attachment's metadata; its bytes are downloaded from {@code /v1/attachments/{id}}. */
    public record Attachment(String id, String commentId, String fileName, String contentType, long size, Instant createdAt) {
    }

    /** The request of {@code POST /customers/{id}/comments}. */
    public record CommentRequest(String body, List<String> mentionedUserIds) {
    }

    /** A stored file with its metadata. */
    record StoredFile(Attachment attachment, byte[] content) {
    }

    private final EntityWork work;
    /** The attachments' bytes, streamed in and out over JDBC in the same transaction as the entities (never mapped). */
    private final TenantTable contents;
    private final CustomerDirectory customers;
    private final UserDirectory users;
    private final NotificationService notifications;
    private final HistoryService history;
    private final DomainEvents events;

    @Activate
    public CommentStore(@Reference Database database, @Reference(target = "(osgi.unit.name=customer)") EntityManagerFactory unit,
                        @Reference CustomerSchema schema, @Reference CustomerDirectory customers, @Reference UserDirectory users,
                        @Reference NotificationService notifications, @Reference HistoryService history, @Reference DomainEvents events) {
        this.work = new EntityWork(database, unit);
        this.contents = new TenantTable(database, "customer_attachment_content");
        this.customers = customers;
        this.users = users;
        this.notifications = notifications;
        this.history = history;
        this.events = events;
    }

    /** Newest first: creation time, then id, both descending. */
    static final Keyset<CommentRecord> NEWEST_FIRST = Keyset.newestFirst("createdAt", CommentRecord::createdAt, "id", CommentRecord::id);

    /** The customer's comments, newest first, keyset-paged. */
    public Page<Comment> list(String customerId, int limit, String cursor) {
        visibleCustomer(customerId);
        return work.inTransaction(em -> {
            Page<CommentRecord> rows = KeysetPages.page(em, CommentRecord.class, NEWEST_FIRST, "e.customerId = :customerId",
                    Map.of("customerId", customerId), new PageRequest(limit, cursor), null);
            return new Page<>(withAttachments(em, rows.items()), rows.nextCursor());
        });
    }

    /**
     * Adds a comment. Every id in {@code mentionedUserIds} must be an active user of the agency who can see the
     * customer; {@code @Name} mentions in the text are resolved too (silently skipping users who cannot see a
     * restricted customer). Every mentioned user but the author is notified.
     */
    public Comment create(String customerId, CommentRequest request) {
        Customer customer = visibleCustomer(customerId);
        if (request == null) {
            throw ProblemException.malformed("A comment {\"body\",\"mentionedUserIds\"} is required as the request body.", null);
        }
        String body = request.body() == null || request.body().isBlank() ? null : request.body().strip();
        List<String> explicit = request.mentionedUserIds() == null ? List.of() : request.mentionedUserIds();
        FieldErrors errors = new FieldErrors();
        if (body == null) {
            errors.add("body", "is required");
        } else if (body.length() > MAX_BODY) {
            errors.add("body", "must have at most " + MAX_BODY + " characters");
        }
        if (explicit.size() > MAX_MENTIONS) {
            errors.add("mentionedUserIds", "may name at most " + MAX_MENTIONS + " users");
        } else {
            checkMentioned(errors, customerId, explicit);
        }
        errors.throwIfAny();

        Principal author = RequestContext.principal();
        Set<String> mentioned = new LinkedHashSet<>(explicit);
        List<User> everyone = users.all();
        for (String id : Mentions.mentionedUserIds(body, everyone)) {
            if (!mentioned.contains(id) && mentioned.size() < MAX_MENTIONS
                    && everyone.stream().anyMatch(u -> u.id().equals(id) && canSee(u, customerId))) {
                mentioned.add(id);
            }
        }
        String id = Jdbc.newId();
        Instant now = EntityWork.now();
        return work.inTransaction(em -> {
            CommentRecord record = new CommentRecord(id, customerId, author.id(), truncate(author.name(), 200), body, List.copyOf(mentioned),
                    now);
            em.persist(record);
            em.flush();
            Comment created = record.toApi(List.of());
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("body", body);
            snapshot.put("mentionedUserIds", String.join(",", mentioned));
            history.record(CustomerStore.ROOT, customerId, "comment", id, "CREATED", HistoryService.diff(Map.of(), snapshot));
            List<String> notified = mentioned.stream().filter(u -> !u.equals(author.id())).toList();
            if (!notified.isEmpty()) {
                notifications.notify(notified, "comment_mention",
                        truncate(author.name() + " mentioned you on " + customer.name(), 200), truncate(body, 500),
                        "/v1/customers/" + customerId + "/comments");
            }
            events.publish(CustomerEvents.COMMENT_CREATED, Map.of("commentId", id, "customerId", customerId));
            return created;
        });
    }

    private void checkMentioned(FieldErrors errors, String customerId, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String field = "mentionedUserIds[" + i + "]";
            if (id == null || id.isBlank()) {
                errors.add(field, "is required");
                continue;
            }
            Optional<User> user = id.length() > 36 ? Optional.empty() : users.find(id);
            if (user.isEmpty()) {
                errors.add(field, "is not a user of this agency");
            } else if (!user.get().active()) {
                errors.add(field, "is not an active user");
            } else if (!canSee(user.get(), customerId)) {
                errors.add(field, "cannot see this customer");
            }
        }
    }

    /** Whether {@code user} may see the customer, by the registry's own visibility rule evaluated as that user. */
    private boolean canSee(User user, String customerId) {
        Principal caller = RequestContext.principal();
        Principal asUser = new Principal(PrincipalKind.STAFF, user.id(), user.name(), caller.agencyId(), caller.agencySlug(),
                user.roles(), null);
        return RequestContext.runAs(asUser, () -> customers.find(customerId).isPresent());
    }

    Comment get(String commentId) {
        return work.inTransaction(em -> comment(em, commentId).map(c -> withAttachments(em, List.of(c)).get(0)))
                .orElseThrow(() -> ProblemException.notFound("Comment " + commentId));
    }

    /** The comment if its customer is visible to the caller. */
    private Optional<CommentRecord> comment(EntityManager em, String commentId) {
        return Optional.ofNullable(commentId == null ? null : em.find(CommentRecord.class, commentId))
                .filter(c -> customers.find(c.customerId()).isPresent());
    }

    /** Stores a file (already checked for size and type) on a comment the caller can see, read from {@code content} as it is written. */
    public Attachment attach(String commentId, String fileName, String contentType, Jdbc.BinaryStream content) {
        Comment comment = get(commentId);
        String id = Jdbc.newId();
        Instant now = EntityWork.now();
        return work.inTransaction(em -> {
            AttachmentRecord record = new AttachmentRecord(id, comment.customerId(), commentId, fileName, contentType, content.length(),
                    RequestContext.principal().id(), now);
            em.persist(record);
            em.flush();
            contents.insert(Map.of("id", id, "content", content));
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("commentId", commentId);
            snapshot.put("fileName", fileName);
            snapshot.put("contentType", contentType);
            snapshot.put("size", content.length());
            history.record(CustomerStore.ROOT, comment.customerId(), "attachment", id, "CREATED", HistoryService.diff(Map.of(), snapshot));
            events.publish(CustomerEvents.ATTACHMENT_CREATED, Map.of("attachmentId", id, "commentId", commentId,
                    "customerId", comment.customerId()));
            return record.toApi();
        });
    }

    /** Checks the comment is there for the caller before a (possibly large) upload is stored. */
    public void requireComment(String commentId) {
        get(commentId);
    }

    /** An attachment with its bytes, if its customer is visible to the caller. */
    StoredFile file(String attachmentId) {
        return work.inTransaction(em -> {
            AttachmentRecord attachment = Optional.ofNullable(attachmentId == null ? null : em.find(AttachmentRecord.class, attachmentId))
                    .filter(a -> customers.find(a.customerId()).isPresent())
                    .orElseThrow(() -> ProblemException.notFound("Attachment " + attachmentId));
            byte[] content = contents.find("id = ?", List.of(attachmentId), null, 1, rs -> {
                try (InputStream in = rs.getBinaryStream("content")) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new SQLException("cannot read attachment content", e);
                }
            }).stream().findFirst().orElseThrow(() -> ProblemException.notFound("Attachment " + attachmentId));
            return new StoredFile(attachment.toApi(), content);
        });
    }

    private Customer visibleCustomer(String customerId) {
        return customers.find(customerId).orElseThrow(() -> ProblemException.notFound("Customer " + customerId));
    }

    /** The page's comments as the API shows them, each with its attachments (one query for the page), oldest attachment first. */
    private static List<Comment> withAttachments(EntityManager em, List<CommentRecord> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        List<String> ids = page.stream().map(CommentRecord::id).toList();
        Map<String, List<Attachment>> byComment = new HashMap<>();
        em.createQuery("SELECT a FROM CustomerAttachment a WHERE a.commentId IN :ids ORDER BY a.createdAt, a.id", AttachmentRecord.class)
                .setParameter("ids", ids).getResultStream()
                .forEach(a -> byComment.computeIfAbsent(a.commentId(), k -> new ArrayList<>()).add(a.toApi()));
        return page.stream().map(c -> c.toApi(byComment.getOrDefault(c.id(), List.of()))).toList();
    }


    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
