package io.clientele.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory.NewAgency;
import io.clientele.platform.impl.internal.agency.AgencyStore;
import io.clientele.platform.impl.internal.mail.OutboxQueue;
import io.clientele.platform.impl.internal.mail.OutboxStore;
import io.clientele.platform.impl.internal.users.UserStore;
import io.clientele.platform.jpa.EntityWork;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The e-mail outbox on the platform unit ({@code OutboxRecord}): a mail is queued in the caller's transaction, with its
 * JPA and JDBC writes, and the sender's claims and state changes ({@code OutboxQueue}) read back as stored, on Derby and
 * (when it answers) PostgreSQL, where the claim takes the {@code FOR UPDATE SKIP LOCKED} path.
 */
class OutboxPersistenceTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private JpaUnitFixture db;

    @BeforeEach
    void unit() {
        db = JpaUnitFixture.derby("platform", AgencyStore.class);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A stored outbox row, read with SQL. */
    private record Row(String agencyId, String recipient, String subject, String text, String html, String status, int attempts,
                       Instant nextAttemptAt, String claimedBy, Instant claimedUntil, Instant sendStartedAt, String lastError,
                       Instant createdAt, Instant sentAt) {
    }

    private static Optional<Row> row(JpaUnitFixture on, String id) {
        return on.database().inTransaction(c -> Jdbc.queryOne(c, "SELECT agency_id, recipient, subject, text_body, html_body, status, "
                + "attempts, next_attempt_at, claimed_by, claimed_until, send_started_at, last_error, created_at, sent_at "
                + "FROM platform_outbox WHERE id = ?", rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7), instant(rs.getTimestamp(8)), rs.getString(9), instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)), rs.getString(12), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14))), id));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static long count(JpaUnitFixture on, String sql, Object arg) {
        return on.database().inTransaction(c -> Jdbc.queryOne(c, sql, rs -> rs.getLong(1), arg).orElseThrow());
    }

    private static Agency agency(PlatformStores on, String slug) {
        return on.agencies.create(new NewAgency("Agency " + slug, slug, Set.of(), "Admin " + slug, "admin@" + slug + ".test",
                "a perfectly long passphrase"));
    }

    private static <T> T as(Agency agency, java.util.function.Supplier<T> work) {
        return RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "unit test"), work);
    }

    // ---- the mapping

    @Test
    void theOutboxMappingMatchesTheMigratedSchemaOnDerby() {
        assertEquals(List.of(), db.mappingProblems());
        assertTrue(db.unit().getMetamodel().getEntities().stream().anyMatch(e -> e.getName().equals("OutboxMail")));
    }

    @Test
    void theOutboxMappingMatchesAndItsStatesAreStoredOnPostgresql() {
        try (JpaUnitFixture pg = JpaUnitFixture.postgres("platform", AgencyStore.class)) {
            assertEquals(List.of(), pg.mappingProblems());
            mailsAreQueuedInTheCallersTransaction(pg);
            claimsAndStatesReadBackAsStored(pg);
        }
    }

    // ---- the caller's transaction

    @Test
    void aMailIsQueuedInTheCallersTransactionOnDerby() {
        mailsAreQueuedInTheCallersTransaction(db);
    }

    private static void mailsAreQueuedInTheCallersTransaction(JpaUnitFixture on) {
        PlatformStores stores = new PlatformStores(on);
        OutboxStore outbox = new OutboxStore(on.database(), on.unit());
        Agency acme = agency(stores, "acme");
        String[] queued = new String[2];

        // a change that fails after its JPA write, its JDBC write and its mail leaves none of them
        assertThrows(IllegalStateException.class, () -> as(acme, () -> on.database().inTransaction(c -> {
            queued[0] = stores.users.create(new UserStore.NewUser("Ana", "ana@acme.test", Set.of(Role.SERVICE), "a perfectly long passphrase"),
                    "").id();
            Jdbc.update(c, "INSERT INTO platform_secret (name, secret_value, created_at) VALUES (?, ?, ?)", "rolled-back", "x",
                    Instant.now());
            queued[1] = outbox.enqueue(new OutgoingMail("ana@acme.test", "Welcome", "your link", null));
            throw new IllegalStateException("the change fails after queueing its mail");
        })));
        assertTrue(row(on, queued[1]).isEmpty(), "the mail left with its transaction");
        assertEquals(0, count(on, "SELECT COUNT(*) FROM platform_outbox WHERE recipient = ?", "ana@acme.test"));
        assertEquals(0, count(on, "SELECT COUNT(*) FROM platform_secret WHERE name = ?", "rolled-back"));
        assertEquals(0, count(on, "SELECT COUNT(*) FROM platform_user WHERE id = ?", queued[0]));

        // the same change that succeeds commits all three together
        Instant before = EntityWork.now();
        String committed = as(acme, () -> on.database().inTransaction(c -> {
            stores.users.create(new UserStore.NewUser("Bia", "bia@acme.test", Set.of(Role.SERVICE), "a perfectly long passphrase"), "");
            Jdbc.update(c, "INSERT INTO platform_secret (name, secret_value, created_at) VALUES (?, ?, ?)", "committed", "x", Instant.now());
            return outbox.enqueue(new OutgoingMail(" bia@acme.test ", "Welcome\r\nBia", "your link", "<p>your link</p>"));
        }));
        assertEquals(1, count(on, "SELECT COUNT(*) FROM platform_secret WHERE name = ?", "committed"));
        assertEquals(1, count(on, "SELECT COUNT(*) FROM platform_user WHERE email_lower = ?", "bia@acme.test"));
        Row row = row(on, committed).orElseThrow();
        assertEquals(acme.id(), row.agencyId(), "the caller's agency, a plain column");
        assertEquals("bia@acme.test", row.recipient());
        assertEquals("Welcome Bia", row.subject(), "one line");
        assertEquals("your link", row.text());
        assertEquals("<p>your link</p>", row.html());
        assertEquals("PENDING", row.status());
        assertEquals(0, row.attempts());
        assertEquals(row.createdAt(), row.nextAttemptAt(), "due at once");
        assertFalse(row.createdAt().isBefore(before));
        assertNull(row.claimedBy());
        assertNull(row.sentAt());

        // a system mail (no agency) on its own: committed by itself, without an agency
        String system = outbox.enqueue(new OutgoingMail("operator@clientele.test", "System", "text", null));
        assertNull(row(on, system).orElseThrow().agencyId());
        assertEquals("PENDING", row(on, system).orElseThrow().status());
    }

    // ---- the sender's claims and states

    @Test
    void claimsAndStatesReadBackAsStoredOnDerby() {
        claimsAndStatesReadBackAsStored(db);
    }

    private static void claimsAndStatesReadBackAsStored(JpaUnitFixture on) {
        OutboxStore outbox = new OutboxStore(on.database(), on.unit());
        OutboxQueue queue = new OutboxQueue(on.database(), on.unit());
        on.database().inTransaction(c -> Jdbc.update(c, "DELETE FROM platform_outbox"));
        String sent = outbox.enqueue(new OutgoingMail("sent@example.test", "to be sent", "text", "<p>html</p>"));
        String retried = outbox.enqueue(new OutgoingMail("retried@example.test", "to be retried", "text", null));
        String failed = outbox.enqueue(new OutgoingMail("failed@example.test", "to be refused", "text", null));
        Instant now = EntityWork.now().plusSeconds(1);

        List<OutboxQueue.Claimed> claimed = queue.claim("host/a/1", now, LEASE, 10);
        assertEquals(Set.of(sent, retried, failed), Set.copyOf(claimed.stream().map(OutboxQueue.Claimed::id).toList()));
        OutboxQueue.Claimed first = claimed.stream().filter(m -> m.id().equals(sent)).findFirst().orElseThrow();
        assertEquals(new OutboxQueue.Claimed(sent, "sent@example.test", "to be sent", "text", "<p>html</p>", 0, false), first);
        Row held = row(on, sent).orElseThrow();
        assertEquals("host/a/1", held.claimedBy());
        assertEquals(now.plus(LEASE), held.claimedUntil());
        assertEquals(List.of(), queue.claim("host/b/1", now, LEASE, 10), "another node finds nothing while the lease runs");

        // sent: one attempt, its lease ended and its bodies blanked
        Instant sending = now.plusSeconds(1);
        assertTrue(queue.startSend(sent, "host/a/1", sending, LEASE));
        assertEquals(sending, row(on, sent).orElseThrow().sendStartedAt());
        assertEquals(sending.plus(LEASE), row(on, sent).orElseThrow().claimedUntil(), "the lease renewed");
        assertFalse(queue.sent(sent, "host/b/1", sending), "only the holder marks it");
        Instant at = now.plusSeconds(2);
        assertTrue(queue.sent(sent, "host/a/1", at));
        Row done = row(on, sent).orElseThrow();
        assertEquals("SENT", done.status());
        assertEquals(1, done.attempts());
        assertEquals(at, done.sentAt());
        assertNull(done.text());
        assertNull(done.html());
        assertNull(done.claimedUntil());
        assertNull(done.sendStartedAt());
        assertNull(done.lastError());
        assertEquals("to be sent", done.subject(), "recipient and subject stay");
        assertFalse(queue.startSend(sent, "host/a/1", at, LEASE), "a sent mail is not sent again");

        // retry: still pending, due later, the error kept; then claimed again once due
        Instant next = now.plusSeconds(30);
        assertTrue(queue.startSend(retried, "host/a/1", sending, LEASE));
        assertTrue(queue.retry(retried, "host/a/1", 1, next, "421 try later " + "x".repeat(1200)));
        Row waiting = row(on, retried).orElseThrow();
        assertEquals("PENDING", waiting.status());
        assertEquals(1, waiting.attempts());
        assertEquals(next, waiting.nextAttemptAt());
        assertEquals(1000, waiting.lastError().length(), "the error cut to its column");
        assertTrue(waiting.lastError().startsWith("421 try later"));
        assertNull(waiting.claimedUntil());
        assertNull(waiting.sendStartedAt());
        assertEquals("text", waiting.text(), "a pending mail keeps its body");

        // failed: refused for good
        assertTrue(queue.fail(failed, "host/a/1", 1, next, "550 no such user"));
        Row refused = row(on, failed).orElseThrow();
        assertEquals("FAILED", refused.status());
        assertEquals(1, refused.attempts());
        assertEquals("550 no such user", refused.lastError());
        assertNull(refused.claimedUntil());

        assertEquals(List.of(), queue.claim("host/b/1", now.plusSeconds(10), LEASE, 10), "the retry is not due yet");
        List<OutboxQueue.Claimed> again = queue.claim("host/b/1", next, LEASE, 10);
        assertEquals(List.of(retried), again.stream().map(OutboxQueue.Claimed::id).toList(), "sent and failed mails are never claimed");
        assertEquals(1, again.get(0).attempts());
        assertEquals("host/b/1", row(on, retried).orElseThrow().claimedBy());

        // a lease that ran out (its node died mid-send) is claimed by another node, which sees the send had started
        assertTrue(queue.startSend(retried, "host/b/1", next, LEASE));
        Instant expired = next.plus(LEASE).plusSeconds(1);
        List<OutboxQueue.Claimed> taken = queue.claim("host/c/1", expired, LEASE, 10);
        assertEquals(List.of(retried), taken.stream().map(OutboxQueue.Claimed::id).toList());
        assertTrue(taken.get(0).sendStarted());
        assertFalse(queue.retry(retried, "host/b/1", 2, expired, "late"), "the node that lost its lease changes nothing");
        assertEquals(1, row(on, retried).orElseThrow().attempts());

        // a restarted run takes back its previous run's claims, not other installations'
        String other = outbox.enqueue(new OutgoingMail("other@example.test", "held elsewhere", "text", null));
        List<OutboxQueue.Claimed> elsewhere = queue.claim("host/d/1", EntityWork.now().plusSeconds(1), LEASE, 10);
        assertEquals(List.of(other), elsewhere.stream().map(OutboxQueue.Claimed::id).toList());
        assertEquals(1, queue.takeBack("host/c", "host/c/2"));
        assertNull(row(on, retried).orElseThrow().claimedBy());
        assertNull(row(on, retried).orElseThrow().claimedUntil());
        assertEquals("host/d/1", row(on, other).orElseThrow().claimedBy());
        assertEquals(0, queue.takeBack("host/d", "host/d/1"), "a run keeps its own claims");
        assertNotNull(row(on, other).orElseThrow().claimedUntil());
    }
}
