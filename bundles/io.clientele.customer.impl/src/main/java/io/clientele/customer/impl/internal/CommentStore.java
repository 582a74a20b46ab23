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
import io.clientele.platform.api.rest.Cursor;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    private final Database database;
    private final TenantTable comments;
    private final TenantTable attachments;
    private final TenantTable contents;
    private final CustomerDirectory customers;
    private final UserDirectory users;
    private final NotificationService notifications;
    private final HistoryService history;
    private final DomainEvents events;

    @Activate
    public CommentStore(@Reference Database database, @Reference CustomerSchema schema, @Reference CustomerDirectory customers,
                        @Reference UserDirectory users, @Reference NotificationService notifications,
                        @Reference HistoryService history, @Reference DomainEvents events) {
        this.database = database;
        this.comments = new TenantTable(database, "customer_comment");
        this.attachments = new TenantTable(database, "customer_attachment");
        this.contents = new TenantTable(database, "customer_attachment_content");
        this.customers = customers;
        this.users = users;
        this.notifications = notifications;
        this.history = history;
        this.events = events;
    }

    /** The customer's comments, newest first, keyset-paged. */
    public Page<Comment> list(String customerId, int limit, String cursor) {
        visibleCustomer(customerId);
        StringBuilder where = new StringBuilder("customer_id = ?");
        List<Object> params = new ArrayList<>(List.of(customerId));
        if (cursor != null) {
            List<String> after = Cursor.decode(cursor, 2);
            Instant at;
            try {
                at = Instant.parse(after.get(0));
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
            }
            where.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
            params.addAll(List.of(at, at, after.get(1)));
        }
        List<Comment> rows = comments.find(where.toString(), params, "created_at DESC, id DESC", limit + 1, CommentStore::map);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Comment last = rows.get(limit - 1);
            next = Cursor.encode(last.createdAt().toString(), last.id());
        }
        return new Page<>(withAttachments(rows), next);
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
        Instant now = Instant.now();
        return database.inTransaction(tx -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("customer_id", customerId);
            row.put("author_id", author.id());
            row.put("author_name", truncate(author.name(), 200));
            row.put("body", body);
            row.put("mentioned_user_ids", String.join(",", mentioned));
            row.put("created_at", now);
            comments.insert(row);
            Comment created = get(id);
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
        return comments.find("id = ?", List.of(commentId), null, 1, CommentStore::map).stream().findFirst()
                .filter(c -> customers.find(c.customerId()).isPresent())
                .map(c -> withAttachments(List.of(c)).get(0))
                .orElseThrow(() -> ProblemException.notFound("Comment " + commentId));
    }

    /** Stores a file (already checked for size and type) on a comment the caller can see, read from {@code content} as it is written. */
    public Attachment attach(String commentId, String fileName, String contentType, Jdbc.BinaryStream content) {
        Comment comment = get(commentId);
        String id = Jdbc.newId();
        Instant now = Instant.now();
        return database.inTransaction(tx -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("customer_id", comment.customerId());
            row.put("comment_id", commentId);
            row.put("file_name", fileName);
            row.put("content_type", contentType);
            row.put("size_bytes", content.length());
            row.put("created_by", RequestContext.principal().id());
            row.put("created_at", now);
            attachments.insert(row);
            contents.insert(Map.of("id", id, "content", content));
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("commentId", commentId);
            snapshot.put("fileName", fileName);
            snapshot.put("contentType", contentType);
            snapshot.put("size", content.length());
            history.record(CustomerStore.ROOT, comment.customerId(), "attachment", id, "CREATED", HistoryService.diff(Map.of(), snapshot));
            events.publish(CustomerEvents.ATTACHMENT_CREATED, Map.of("attachmentId", id, "commentId", commentId,
                    "customerId", comment.customerId()));
            return new Attachment(id, commentId, fileName, contentType, content.length(), now);
        });
    }

    /** Checks the comment is there for the caller before a (possibly large) upload is stored. */
    public void requireComment(String commentId) {
        get(commentId);
    }

    /** An attachment with its bytes, if its customer is visible to the caller. */
    StoredFile file(String attachmentId) {
        return database.inTransaction(tx -> {
            Optional<String[]> meta = attachments.find("id = ?", List.of(attachmentId), null, 1,
                    rs -> new String[] {rs.getString("customer_id")}).stream().findFirst();
            if (meta.isEmpty() || customers.find(meta.get()[0]).isEmpty()) {
                throw ProblemException.notFound("Attachment " + attachmentId);
            }
            Attachment attachment = attachments.find("id = ?", List.of(attachmentId), null, 1, CommentStore::mapAttachment).get(0);
            byte[] content = contents.find("id = ?", List.of(attachmentId), null, 1, rs -> {
                try (InputStream in = rs.getBinaryStream("content")) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new SQLException("cannot read attachment content", e);
                }
            }).stream().findFirst().orElseThrow(() -> ProblemException.notFound("Attachment " + attachmentId));
            return new StoredFile(attachment, content);
        });
    }

    private Customer visibleCustomer(String customerId) {
        return customers.find(customerId).orElseThrow(() -> ProblemException.notFound("Customer " + customerId));
    }

    private List<Comment> withAttachments(List<Comment> page) {
        if (page.isEmpty()) {
            return page;
        }
        List<String> ids = page.stream().map(Comment::id).toList();
        Map<String, List<Attachment>> byComment = new HashMap<>();
        attachments.find("comment_id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", ids, "created_at, id", 0,
                CommentStore::mapAttachment).forEach(a -> byComment.computeIfAbsent(a.commentId(), k -> new ArrayList<>()).add(a));
        return page.stream().map(c -> new Comment(c.id(), c.customerId(), c.authorId(), c.authorName(), c.body(), c.mentionedUserIds(),
                byComment.getOrDefault(c.id(), List.of()), c.createdAt())).toList();
    }

    static Comment map(ResultSet rs) throws SQLException {
        String mentioned = rs.getString("mentioned_user_ids");
        return new Comment(rs.getString("id"), rs.getString("customer_id"), rs.getString("author_id"), rs.getString("author_name"),
                rs.getString("body"), mentioned == null || mentioned.isEmpty() ? List.of() : Arrays.asList(mentioned.split(",")),
                List.of(), Jdbc.instant(rs, "created_at"));
    }

    static Attachment mapAttachment(ResultSet rs) throws SQLException {
        return new Attachment(rs.getString("id"), rs.getString("comment_id"), rs.getString("file_name"), rs.getString("content_type"),
                rs.getLong("size_bytes"), Jdbc.instant(rs, "created_at"));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
