package io.clientele.platform.impl.internal.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.impl.internal.db.PlatformUnit;
import io.clientele.platform.impl.internal.db.ThreadBoundDatabase;
import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two senders sharing one database (two nodes) deliver every queued mail exactly once. */
class OutboxSenderTest {

    private GreenMail smtp;
    private int port;

    @BeforeEach
    void startSmtp() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void twoNodesNeverSendTheSameMail() throws Exception {
        PlatformUnit unit = PlatformUnit.derby();
        ThreadBoundDatabase db = unit.database();
        OutboxStore outbox = new OutboxStore(db, unit.unit());
        OutboxQueue queue = new OutboxQueue(db, unit.unit());
        Principal agency = Principal.system("acme-id", "acme", "test");
        int mails = 40;
        for (int i = 0; i < mails; i++) {
            int n = i;
            RequestContext.runAs(agency, () -> outbox.enqueue(new OutgoingMail("p" + n + "@example.test", "mail " + n, "body", null)));
        }
        OutboxSender nodeA = new OutboxSender(queue, config(port), "host/a");
        OutboxSender nodeB = new OutboxSender(queue, config(port), "host/b");
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (smtp.getReceivedMessages().length < mails && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);
        } finally {
            nodeA.deactivate();
            nodeB.deactivate();
        }
        Map<String, Integer> bySubject = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            bySubject.merge(m.getSubject(), 1, Integer::sum);
        }
        assertEquals(mails, bySubject.size());
        assertTrue(bySubject.values().stream().allMatch(n -> n == 1), "each mail once: " + bySubject);
        long sent = db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM platform_outbox WHERE status = 'SENT' AND attempts = 1"));
        assertEquals(mails, sent);
        // a delivered mail's body (activation and reset links) does not stay in the database
        long withBody = db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM platform_outbox WHERE status = 'SENT' "
                + "AND (text_body IS NOT NULL OR html_body IS NOT NULL)"));
        assertEquals(0, withBody);
    }

    @Test
    void aMailClaimedAwayFromASlowNodeIsNotSentByItToo() throws Exception {
        PlatformUnit unit = PlatformUnit.derby();
        ThreadBoundDatabase db = unit.database();
        OutboxStore outbox = new OutboxStore(db, unit.unit());
        OutboxQueue queue = new OutboxQueue(db, unit.unit());
        Principal agency = Principal.system("acme-id", "acme", "test");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            ids.add(RequestContext.runAs(agency, () -> outbox.enqueue(new OutgoingMail("q" + n + "@example.test", "slow " + n, "body", null))));
        }
        OutboxSender slowNode = new OutboxSender(queue, config(port), "host/slow");
        slowNode.deactivate(); // no rounds of its own: this test drives it
        List<OutboxQueue.Claimed> batch = slowNode.claim();
        assertEquals(3, batch.size());
        // its lease ran out while it was stuck on a slow SMTP server, and another node claimed the second mail
        db.inTransaction(c -> Jdbc.update(c, "UPDATE platform_outbox SET claimed_by = 'other-node', claimed_until = ? WHERE id = ?",
                java.time.Instant.now().plusSeconds(300), ids.get(1)));
        slowNode.send(batch);
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            subjects.add(m.getSubject());
        }
        java.util.Collections.sort(subjects);
        assertEquals(List.of("slow 0", "slow 2"), subjects);
        assertEquals("PENDING", db.inTransaction(c -> Jdbc.queryOne(c, "SELECT status FROM platform_outbox WHERE id = ?",
                rs -> rs.getString(1), ids.get(1))).orElseThrow());
    }

    @Test
    void aRestartedRunTakesBackWhatItsKilledRunHeldAndLeavesOtherNodesClaimsAlone() throws Exception {
        PlatformUnit unit = PlatformUnit.derby();
        ThreadBoundDatabase db = unit.database();
        OutboxStore outbox = new OutboxStore(db, unit.unit());
        OutboxQueue queue = new OutboxQueue(db, unit.unit());
        Principal agency = Principal.system("acme-id", "acme", "test");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            ids.add(RequestContext.runAs(agency, () -> outbox.enqueue(new OutgoingMail("r" + n + "@example.test", "held " + n, "body", null))));
        }
        OutboxSender killed = new OutboxSender(queue, config(port), "host/this");
        killed.deactivate();
        assertEquals(4, killed.claim().size()); // it claimed every mail for 60 s and died before sending any
        // another installation holds the last mail: a restart here must not take it
        db.inTransaction(c -> Jdbc.update(c, "UPDATE platform_outbox SET claimed_by = 'host/other/run1' WHERE id = ?", ids.get(3)));
        // and the first mail was being handed to SMTP at the kill
        db.inTransaction(c -> Jdbc.update(c, "UPDATE platform_outbox SET send_started_at = ? WHERE id = ?", java.time.Instant.now(), ids.get(0)));

        OutboxSender restarted = new OutboxSender(queue, config(port), "host/this");
        try {
            long deadline = System.currentTimeMillis() + 10_000;
            while (smtp.getReceivedMessages().length < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
        } finally {
            restarted.deactivate();
        }
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            subjects.add(m.getSubject());
            assertTrue(m.getMessageID().endsWith("@clientele>"), m.getMessageID());
        }
        java.util.Collections.sort(subjects);
        assertEquals(List.of("held 0", "held 1", "held 2"), subjects, "sent at once after the restart, not after the 60 s lease");
        assertEquals(0L, (long) db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM platform_outbox WHERE send_started_at IS NOT NULL "
                + "AND status = 'SENT'")));
        assertEquals("host/other/run1", db.inTransaction(c -> Jdbc.queryOne(c, "SELECT claimed_by FROM platform_outbox WHERE id = ?",
                rs -> rs.getString(1), ids.get(3))).orElseThrow());
    }

    static MailConfig config(int port) {
        return new MailConfig() {
            @Override public String host() { return "127.0.0.1"; }
            @Override public int port() { return port; }
            @Override public String user() { return ""; }
            @Override public String password() { return ""; }
            @Override public String tls() { return "none"; }
            @Override public String from() { return "Clientele <no-reply@clientele.test>"; }
            @Override public long pollIntervalMillis() { return 50; }
            @Override public int retryBaseSeconds() { return 1; }
            @Override public int retryMaxSeconds() { return 2; }
            @Override public int timeoutMillis() { return 5000; }
            @Override public int batchSize() { return 5; }
            @Override public int leaseSeconds() { return 60; }
            @Override public Class<? extends Annotation> annotationType() { return MailConfig.class; }
        };
    }
}
