package io.clientele.itests.process;

import static io.clientele.itests.process.RunningDistribution.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.mail.Address;
import javax.mail.internet.MimeMessage;
import org.junit.Test;

/**
 * quality.md R4 for e-mail, with a real {@code kill -9}: 150 portal invitations are queued in the outbox and being
 * delivered to an SMTP server (GreenMail) when the runtime is killed — at the worst moment, the instant the server has
 * accepted a message, before the sender can record it as sent. After the restart every invitation must arrive, and
 * soon (the killed run's claims are taken back at once; they used to wait out a 5-minute lease). Exactly once is not
 * possible across such a kill without the receiver's help — the server already has the message the sender was about to
 * mark — so the test asserts what the outbox guarantees: each mail at least once, at most the one mail in flight at the
 * kill twice, and every copy of a mail with the same Message-ID, by which a receiver can drop the repeat.
 */
public class MailDeliveryCrashIT {

    private static final String AGENCY = "crash-mail";
    private static final int MAILS = 150;

    @Test
    public void mailKilledMidDeliveryAllArrivesAndOnlyTheMailInFlightCanArriveTwice() throws Exception {
        int smtpPort = RunningDistribution.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (RunningDistribution platform = RunningDistribution.unpack()) {
            platform.env("CLIENTELE_SMTP_HOST", "127.0.0.1").env("CLIENTELE_SMTP_PORT", Integer.toString(smtpPort))
                    // slow enough (at most 5 mails a second) that most of the queue is still undelivered when the kill comes
                    .configure("etc/io.clientele.mail.cfg", "batchSize", "5")
                    .configure("etc/io.clientele.mail.cfg", "pollIntervalMillis", "1000");
            platform.start();
            platform.awaitUp(Duration.ofMinutes(3));
            String admin = platform.createAgency(AGENCY);

            String customerId = expect(201, platform.json("POST", "/v1/customers", admin, Map.of("name", "Mailed", "companyName", "Mailed Ltda")))
                    .path("id").asText();
            Set<String> invited = new HashSet<>();
            for (int i = 0; i < MAILS; i++) {
                String email = "contact" + i + "@mailed.test";
                String contactId = expect(201, platform.json("POST", "/v1/customers/" + customerId + "/contacts", admin,
                        Map.of("name", "Contact " + i, "email", email))).path("id").asText();
                expect(202, platform.json("POST", "/v1/contacts/" + contactId + "/portal-invite", admin, null));
                invited.add(email);
            }
            int delivered = smtp.getReceivedMessages().length;
            assertTrue("too few mails left to kill mid-delivery: " + delivered + " of " + MAILS + " already delivered",
                    MAILS - delivered >= 20);
            // kill the instant the server has accepted the next-but-one message: the mail in flight may not be marked sent yet
            assertTrue("delivery stalled at " + delivered, smtp.waitForIncomingEmail(60_000, delivered + 2));
            platform.killHard();
            int atKill = smtp.getReceivedMessages().length;
            System.out.println("MailDeliveryCrashIT: killed after " + atKill + " of " + MAILS + " mails had arrived");

            platform.start();
            long upAfter = platform.awaitUp(Duration.ofMinutes(5)).toMillis();
            long restarted = System.nanoTime();
            long deadline = restarted + Duration.ofSeconds(90).toNanos();
            while (distinctRecipients(smtp) < MAILS && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            long allThere = (System.nanoTime() - restarted) / 1_000_000;
            Thread.sleep(3000); // anything sent twice would arrive now
            MimeMessage[] received = smtp.getReceivedMessages();

            Map<String, String> messageIdOf = new HashMap<>();
            Map<String, Integer> copies = new HashMap<>();
            for (MimeMessage m : received) {
                Address[] to = m.getAllRecipients();
                assertEquals(1, to.length);
                String recipient = to[0].toString();
                String id = m.getMessageID();
                assertTrue("no stable Message-ID: " + id, id != null && id.endsWith("@clientele>"));
                String before = messageIdOf.putIfAbsent(recipient, id);
                assertTrue("two different Message-IDs for " + recipient + ": " + before + ", " + id, before == null || before.equals(id));
                copies.merge(recipient, 1, Integer::sum);
            }
            assertEquals("every invitation delivered (missing: " + missing(invited, copies.keySet()) + ")", invited, copies.keySet());
            assertEquals("one Message-ID per mail", MAILS, new HashSet<>(messageIdOf.values()).size());
            int duplicates = received.length - MAILS;
            System.out.println("MailDeliveryCrashIT: UP again in " + upAfter + " ms; all " + MAILS + " mails there " + allThere
                    + " ms after that; " + received.length + " messages received, " + duplicates + " duplicate(s)"
                    + (duplicates > 0 ? " " + copies.entrySet().stream().filter(e -> e.getValue() > 1).toList() : ""));
            assertTrue("more than the one mail in flight at the kill arrived twice: " + copies, duplicates <= 1);
        } finally {
            smtp.stop();
        }
    }

    private static long distinctRecipients(GreenMail smtp) throws Exception {
        Set<String> seen = new HashSet<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            seen.add(m.getAllRecipients()[0].toString());
        }
        return seen.size();
    }

    private static Set<String> missing(Set<String> wanted, Set<String> got) {
        Set<String> out = new HashSet<>(wanted);
        out.removeAll(got);
        return out;
    }
}
