package io.clientele.platform.impl.internal.mail;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.impl.internal.mail.OutboxRecord.Status;
import io.clientele.platform.jpa.EntityWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManagerFactory;

/**
 * The outbox's state changes for {@link OutboxSender}, on the platform unit's {@link OutboxRecord}: claiming due mail
 * with a lease, renewing it as a send starts, marking a mail sent, scheduling its retry or failing it, and taking back
 * the claims of this installation's previous run. Each change after the claim is a conditional JPQL update that holds
 * only while the row is still claimed by the node that makes it (a compare-and-set; the table has no version), and its
 * row count says whether it did. Each runs in a transaction of its own.
 */
public final class OutboxQueue {

    /** A mail this node claimed, as it is to be sent. */
    public record Claimed(String id, String recipient, String subject, String text, String html, int attempts, boolean sendStarted) {

        static Claimed of(OutboxRecord r) {
            return new Claimed(r.id(), r.recipient(), r.subject(), r.textBody(), r.htmlBody(), r.attempts(), r.sendStartedAt() != null);
        }
    }

    private final Database database;
    private final EntityWork work;

    public OutboxQueue(Database database, EntityManagerFactory unit) {
        this.database = database;
        this.work = new EntityWork(database, unit);
    }

    /**
     * Claims up to {@code batchSize} due mails (PENDING, due by {@code now}, no live lease) for {@code node} until
     * {@code now + lease}, oldest due first, and answers them.
     *
     * <p>The one native statement of the outbox is here: the selection of the due rows' ids. On PostgreSQL it locks what
     * it selects and skips what another node's claim has locked ({@code FOR UPDATE SKIP LOCKED}), so nodes claiming at
     * once take disjoint rows without waiting on each other; neither JPQL nor EclipseLink's lock hints can say SKIP LOCKED
     * (a pessimistic lock would wait, or with NOWAIT fail the whole round), and the limit must come before the lock
     * clause. Derby has no SKIP LOCKED: it runs the same selection without the clause (one statement for both dialects,
     * rather than the same query in two languages), and the claim below decides. The claim itself is a JPQL conditional
     * update per id ({@code claimed_until} still empty or past) whose row count says who won: on Derby, two nodes that
     * selected the same row race there and exactly one gets 1; on PostgreSQL the row is already locked by this
     * transaction, so it always wins. The claimed rows are then read as entities.
     */
    public List<Claimed> claim(String node, Instant now, Duration lease, int batchSize) {
        Instant leaseEnd = now.plus(lease);
        int limit = Math.max(1, batchSize);
        return database.inTransaction(c -> {
            String due = "SELECT id FROM platform_outbox WHERE status = 'PENDING' AND next_attempt_at <= ? "
                    + "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at";
            List<String> ids = Jdbc.query(c, database.dialect().claimable(due, limit), rs -> rs.getString(1), now, now);
            if (ids.isEmpty()) {
                return List.<Claimed>of();
            }
            return work.acrossAgencies(em -> {
                List<String> won = new ArrayList<>();
                for (String id : ids) {
                    int n = em.createQuery("UPDATE OutboxMail m SET m.claimedBy = :node, m.claimedUntil = :until WHERE m.id = :id"
                                    + " AND m.status = :pending AND (m.claimedUntil IS NULL OR m.claimedUntil < :now)")
                            .setParameter("node", node).setParameter("until", leaseEnd).setParameter("id", id)
                            .setParameter("pending", Status.PENDING).setParameter("now", now).executeUpdate();
                    if (n == 1) {
                        won.add(id);
                    }
                }
                if (won.isEmpty()) {
                    return List.<Claimed>of();
                }
                return em.createQuery("SELECT m FROM OutboxMail m WHERE m.id IN :ids ORDER BY m.nextAttemptAt, m.id", OutboxRecord.class)
                        .setParameter("ids", won).getResultList().stream().map(Claimed::of).toList();
            });
        });
    }

    /** Renews the mail's lease to {@code now + lease} and records that its send starts now, if {@code node} still holds it. */
    public boolean startSend(String id, String node, Instant now, Duration lease) {
        return work.acrossAgencies(em -> em.createQuery("UPDATE OutboxMail m SET m.claimedUntil = :until, m.sendStartedAt = :now"
                        + " WHERE m.id = :id AND m.claimedBy = :node AND m.status = :pending")
                .setParameter("until", now.plus(lease)).setParameter("now", now).setParameter("id", id).setParameter("node", node)
                .setParameter("pending", Status.PENDING).executeUpdate()) == 1;
    }

    /**
     * Marks the mail SENT at {@code at} (one more attempt), ends its lease and blanks its bodies (they carry one-time links
     * that must not outlive their delivery), if {@code node} still holds it.
     */
    public boolean sent(String id, String node, Instant at) {
        return work.acrossAgencies(em -> em.createQuery("UPDATE OutboxMail m SET m.status = :sent, m.sentAt = :at,"
                        + " m.attempts = m.attempts + 1, m.claimedUntil = NULL, m.sendStartedAt = NULL, m.lastError = NULL,"
                        + " m.textBody = NULL, m.htmlBody = NULL WHERE m.id = :id AND m.claimedBy = :node")
                .setParameter("sent", Status.SENT).setParameter("at", at).setParameter("id", id).setParameter("node", node)
                .executeUpdate()) == 1;
    }

    /** Leaves the mail PENDING after a failed attempt, due again at {@code nextAttemptAt}, if {@code node} still holds it. */
    public boolean retry(String id, String node, int attempts, Instant nextAttemptAt, String error) {
        return attemptFailed(id, node, Status.PENDING, attempts, nextAttemptAt, error);
    }

    /**
     * Ends the mail as FAILED (a permanent refusal), if {@code node} still holds it; {@code nextAttemptAt} is written as a
     * retry's would be (nothing reads it for a failed mail).
     */
    public boolean fail(String id, String node, int attempts, Instant nextAttemptAt, String error) {
        return attemptFailed(id, node, Status.FAILED, attempts, nextAttemptAt, error);
    }

    private boolean attemptFailed(String id, String node, Status status, int attempts, Instant nextAttemptAt, String error) {
        String lastError = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
        return work.acrossAgencies(em -> em.createQuery("UPDATE OutboxMail m SET m.status = :status, m.attempts = :attempts,"
                        + " m.nextAttemptAt = :next, m.claimedUntil = NULL, m.sendStartedAt = NULL, m.lastError = :error"
                        + " WHERE m.id = :id AND m.claimedBy = :node")
                .setParameter("status", status).setParameter("attempts", attempts).setParameter("next", nextAttemptAt)
                .setParameter("error", lastError).setParameter("id", id).setParameter("node", node).executeUpdate()) == 1;
    }

    /**
     * Releases the PENDING mails claimed by another run of {@code installation} than {@code node} (whose claims are
     * {@code installation + "/…"}), so that they go out now rather than when their leases end; answers how many.
     */
    public int takeBack(String installation, String node) {
        return work.acrossAgencies(em -> em.createQuery("UPDATE OutboxMail m SET m.claimedBy = NULL, m.claimedUntil = NULL"
                        + " WHERE m.status = :pending AND m.claimedBy LIKE :installation AND m.claimedBy <> :node")
                .setParameter("pending", Status.PENDING).setParameter("installation", installation + "/%").setParameter("node", node)
                .executeUpdate());
    }
}
