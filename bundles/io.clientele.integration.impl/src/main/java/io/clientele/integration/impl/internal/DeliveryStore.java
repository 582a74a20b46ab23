package io.clientele.integration.impl.internal;

import io.clientele.integration.impl.internal.DeliveryRecord.Status;
import io.clientele.integration.impl.internal.Views.AttemptView;
import io.clientele.integration.impl.internal.Views.DeliveryView;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.KeysetPages;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.jpa.EntityWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The delivery queue's rows: the worker's claims and outcomes. As in the e-mail outbox, only the selection of due ids
 * is SQL ({@link io.clientele.platform.api.db.Dialect#claimable}: {@code FOR UPDATE SKIP LOCKED} on PostgreSQL); each
 * change after it is a conditional JPQL update, as the delivery's agency, that holds only while the row's
 * {@code version} is the one its claimer saw (every claim, renewal and outcome bumps it), and whose row count says whether
 * it did. So a node whose lease ran out (it died, or hung, mid-call) loses the delivery to the next claimer and its late
 * outcome is dropped; the receiver deduplicates the repeated call on the delivery's id.
 */
@Component(service = DeliveryStore.class)
public class DeliveryStore {

    /** A delivery this node claimed, with the version its next update must find. */
    record Claimed(String id, String agencyId, String integrationId, String providerId, String topic, Instant occurredAt,
                   String payloadJson, int attempts, long version) {
    }

    /** What the worker writes after an attempt. */
    record Outcome(Status status, int attempts, Instant nextAttemptAt, String outcome, Integer httpStatus, String message,
                   long latencyMs, String answerExcerpt, Instant at, Instant pauseUntil) {
    }

    private final Database database;
    private final EntityWork work;

    @Activate
    public DeliveryStore(@Reference Database database, @Reference(target = "(osgi.unit.name=integration)") EntityManagerFactory unit) {
        this.database = database;
        this.work = new EntityWork(database, unit);
    }

    EntityWork work() {
        return work;
    }

    /**
     * Claims up to {@code batchSize} due deliveries until {@code now + lease}: PENDING, due by {@code now}, no live lease,
     * of an ACTIVE integration that is not paused and whose provider is one of {@code providerIds} (installed), and each
     * its integration's oldest PENDING delivery, so one integration's deliveries go one at a time, in order.
     */
    List<Claimed> claim(Collection<String> providerIds, Instant now, Duration lease, int batchSize) {
        if (providerIds.isEmpty()) {
            return List.of();
        }
        Instant leaseEnd = now.plus(lease);
        return database.inTransaction(c -> {
            String due = "SELECT d.id, d.agency_id FROM integration_delivery d WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?"
                    + " AND (d.locked_until IS NULL OR d.locked_until < ?)"
                    + " AND d.integration_id IN (SELECT i.id FROM integration_integration i WHERE i.status = 'ACTIVE'"
                    + " AND (i.paused_until IS NULL OR i.paused_until <= ?) AND i.provider_id IN ("
                    + String.join(", ", java.util.Collections.nCopies(providerIds.size(), "?")) + "))"
                    + " AND d.id = (SELECT MIN(o.id) FROM integration_delivery o WHERE o.integration_id = d.integration_id AND o.status = 'PENDING')"
                    + " ORDER BY d.next_attempt_at";
            List<Object> params = new ArrayList<>(List.of(now, now, now));
            params.addAll(providerIds);
            List<String[]> rows = Jdbc.query(c, database.dialect().claimable(due, Math.max(1, batchSize)),
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, params.toArray());
            List<Claimed> won = new ArrayList<>();
            for (String[] row : rows) {
                String id = row[0];
                DeliveryQueue.asAgency(row[1], () -> work.inTransaction(em -> {
                    int n = em.createQuery("UPDATE IntegrationDelivery d SET d.lockedUntil = :until, d.version = d.version + 1"
                                    + " WHERE d.id = :id AND d.status = :pending AND (d.lockedUntil IS NULL OR d.lockedUntil < :now)")
                            .setParameter("until", leaseEnd).setParameter("id", id).setParameter("pending", Status.PENDING)
                            .setParameter("now", now).executeUpdate();
                    if (n == 1) {
                        DeliveryRecord d = em.createQuery("SELECT d FROM IntegrationDelivery d WHERE d.id = :id", DeliveryRecord.class)
                                .setParameter("id", id).getSingleResult();
                        IntegrationRecord i = em.find(IntegrationRecord.class, d.integrationId());
                        if (i != null) {
                            won.add(new Claimed(d.id(), row[1], d.integrationId(), i.providerId(), d.topic(), d.occurredAt(), d.payloadJson(),
                                    d.attempts(), d.version()));
                        }
                    }
                    return null;
                }));
            }
            return won;
        });
    }

    /** Renews the claim to {@code now + lease} as an attempt starts; answers the new version, or -1 when the claim was lost. */
    long renew(Claimed claimed, Instant now, Duration lease) {
        return DeliveryQueue.asAgency(claimed.agencyId(), () -> work.inTransaction(em -> {
            int n = em.createQuery("UPDATE IntegrationDelivery d SET d.lockedUntil = :until, d.version = d.version + 1"
                            + " WHERE d.id = :id AND d.version = :version AND d.status = :pending")
                    .setParameter("until", now.plus(lease)).setParameter("id", claimed.id()).setParameter("version", claimed.version())
                    .setParameter("pending", Status.PENDING).executeUpdate();
            return n == 1 ? claimed.version() + 1 : -1L;
        }));
    }

    /**
     * Logs the attempt and, if the claim (at {@code version}) still holds, writes the delivery's new state, ends the lease
     * and pauses the integration when asked; answers whether the claim held. The attempt is logged either way: it happened.
     */
    boolean finish(Claimed claimed, long version, Outcome o) {
        return DeliveryQueue.asAgency(claimed.agencyId(), () -> work.inTransaction(em -> {
            int n = em.createQuery("UPDATE IntegrationDelivery d SET d.status = :status, d.attempts = :attempts, d.nextAttemptAt = :next,"
                            + " d.lockedUntil = NULL, d.lastOutcome = :outcome, d.lastStatus = :httpStatus, d.lastMessage = :message,"
                            + " d.updatedAt = :at, d.version = d.version + 1 WHERE d.id = :id AND d.version = :version AND d.status = :pending")
                    .setParameter("status", o.status()).setParameter("attempts", o.attempts()).setParameter("next", o.nextAttemptAt())
                    .setParameter("outcome", o.outcome()).setParameter("httpStatus", o.httpStatus())
                    .setParameter("message", DeliveryAttemptRecord.cut(o.message(), DeliveryAttemptRecord.MAX_MESSAGE))
                    .setParameter("at", o.at()).setParameter("id", claimed.id()).setParameter("version", version)
                    .setParameter("pending", Status.PENDING).executeUpdate();
            // the attempt is logged unless its delivery is gone (its integration was deleted during the call)
            if (n == 1 || em.createQuery("SELECT COUNT(d) FROM IntegrationDelivery d WHERE d.id = :id", Long.class)
                    .setParameter("id", claimed.id()).getSingleResult() > 0) {
                long logged = em.createQuery("SELECT COUNT(a) FROM IntegrationDeliveryAttempt a WHERE a.deliveryId = :id", Long.class)
                        .setParameter("id", claimed.id()).getSingleResult();
                em.persist(new DeliveryAttemptRecord(Jdbc.newId(), claimed.id(), (int) logged + 1, o.at(), o.outcome(), o.httpStatus(),
                        o.latencyMs(), o.answerExcerpt(), o.message()));
            }
            if (n == 1 && o.pauseUntil() != null) {
                em.createQuery("UPDATE Integration e SET e.pausedUntil = :until WHERE e.id = :id")
                        .setParameter("until", o.pauseUntil()).setParameter("id", claimed.integrationId()).executeUpdate();
            }
            return n == 1;
        }));
    }

    /** How many deliveries one clean-up transaction removes. */
    static final int PURGE_BATCH = 500;

    /**
     * Removes deliveries of {@code status} (DELIVERED or DEAD) whose last attempt ({@code next_attempt_at} of a finished
     * delivery) is before {@code before}, with their attempt logs, {@value #PURGE_BATCH} per transaction, for every agency;
     * a delivery queued again meanwhile is kept. Answers how many deliveries it removed.
     */
    int purge(Status status, Instant before) {
        if (status == Status.PENDING) {
            throw new IllegalArgumentException("pending deliveries are never purged");
        }
        int total = 0;
        while (true) {
            int[] batch = database.inTransaction(c -> {
                List<String> ids = Jdbc.query(c, "SELECT id FROM integration_delivery WHERE status = ? AND next_attempt_at < ?"
                        + database.dialect().limit(PURGE_BATCH), rs -> rs.getString(1), status.name(), before);
                int removed = 0;
                for (String id : ids) {
                    if (Jdbc.update(c, "DELETE FROM integration_delivery WHERE id = ? AND status = ? AND next_attempt_at < ?", id, status.name(),
                            before) == 1) {
                        Jdbc.update(c, "DELETE FROM integration_delivery_attempt WHERE delivery_id = ?", id);
                        removed++;
                    }
                }
                return new int[] {ids.size(), removed};
            });
            total += batch[1];
            if (batch[0] < PURGE_BATCH) {
                return total;
            }
        }
    }

    // ---- the delivery log (as the caller's agency; the resource checks the integration is visible first)

    /** The integration's deliveries, newest first, of one status when given. */
    Page<DeliveryView> page(String integrationId, Status status, PageRequest request) {
        Map<String, Object> params = new HashMap<>();
        params.put("integrationId", integrationId);
        String condition = "e.integrationId = :integrationId";
        if (status != null) {
            condition += " AND e.status = :status";
            params.put("status", status);
        }
        String where = condition;
        return work.inTransaction(em -> KeysetPages.page(em, DeliveryRecord.class, KeysetPages.<DeliveryRecord>newestFirst(), where, params,
                request, null)).map(d -> view(d, null));
    }

    /** One delivery of the integration with its attempts, oldest first; 404 when there is none. */
    DeliveryView get(String integrationId, String deliveryId) {
        return work.inTransaction(em -> {
            DeliveryRecord d = record(em, integrationId, deliveryId);
            List<AttemptView> attempts = em.createQuery("SELECT a FROM IntegrationDeliveryAttempt a WHERE a.deliveryId = :id ORDER BY a.attempt",
                    DeliveryAttemptRecord.class).setParameter("id", d.id()).getResultList().stream().map(DeliveryStore::view).toList();
            return view(d, attempts);
        });
    }

    private static DeliveryRecord record(javax.persistence.EntityManager em, String integrationId, String deliveryId) {
        if (deliveryId == null || deliveryId.length() > 36) {
            throw ProblemException.notFound("Delivery " + deliveryId);
        }
        return em.createQuery("SELECT d FROM IntegrationDelivery d WHERE d.id = :id AND d.integrationId = :integrationId", DeliveryRecord.class)
                .setParameter("id", deliveryId).setParameter("integrationId", integrationId).getResultStream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Delivery " + deliveryId));
    }

    /**
     * Queues a DEAD or DELIVERED delivery again, due {@code now}, with the same id and a fresh round of the retry schedule
     * (its attempt log goes on); 409 when it is still PENDING.
     */
    DeliveryView retry(String integrationId, String deliveryId, Instant now) {
        return work.inTransaction(em -> {
            DeliveryRecord d = record(em, integrationId, deliveryId);
            if (d.status() == Status.PENDING) {
                throw ProblemException.conflict("The delivery " + deliveryId + " is queued already.");
            }
            requeue(em, "d.id = :id", Map.of("id", deliveryId), now);
            em.clear();
            return get(integrationId, deliveryId);
        });
    }

    /** Queues again, due {@code now}, the integration's DEAD and DELIVERED deliveries that occurred in [from, to); answers how many. */
    int retry(String integrationId, Instant from, Instant to, Instant now) {
        return work.inTransaction(em -> requeue(em, "d.integrationId = :integrationId AND d.occurredAt >= :from AND d.occurredAt < :to",
                Map.of("integrationId", integrationId, "from", from, "to", to), now));
    }

    private static int requeue(javax.persistence.EntityManager em, String condition, Map<String, Object> params, Instant now) {
        var update = em.createQuery("UPDATE IntegrationDelivery d SET d.status = :pending, d.attempts = 0, d.nextAttemptAt = :now,"
                + " d.lockedUntil = NULL, d.updatedAt = :now, d.version = d.version + 1 WHERE " + condition + " AND d.status <> :pending")
                .setParameter("pending", Status.PENDING).setParameter("now", now);
        params.forEach(update::setParameter);
        return update.executeUpdate();
    }

    private static DeliveryView view(DeliveryRecord d, List<AttemptView> attempts) {
        return new DeliveryView(d.id(), d.integrationId(), d.topic(), d.occurredAt(), payload(d.payloadJson()), d.status().name(), d.attempts(),
                d.status() == Status.PENDING ? d.nextAttemptAt() : null, d.lastOutcome(), d.lastStatus(), d.lastMessage(), d.createdAt(),
                d.updatedAt(), attempts);
    }

    private static AttemptView view(DeliveryAttemptRecord a) {
        return new AttemptView(a.attempt(), a.at(), a.outcome(), a.httpStatus(), a.latencyMs(), a.answerExcerpt(), a.message());
    }

    /** Payload JSON as the provider gets it. */
    static Map<String, Object> payload(String json) {
        return JsonValues.readObject(json);
    }
}
