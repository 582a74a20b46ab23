package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.mail.Outbox;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The e-mail outbox against a real SMTP server (GreenMail): transactional enqueue, outage, recovery, exactly once. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OutboxIT extends ClienteleTestSupport {

    @Rule
    public final TestMailbox mailbox = new TestMailbox();

    @Override
    @Configuration
    public Option[] config() {
        String port = Integer.toString(freePort());
        return baseOptions(withTestSmtp(port)).toArray(new Option[0]);
    }

    @Test
    public void mailIsWrittenInTheCallersTransaction() throws Exception {
        Principal agency = agencyPrincipal("mail-tx");
        Database database = service(Database.class);
        Outbox outbox = service(Outbox.class);
        try {
            RequestContext.runAs(agency, () -> database.inTransaction(c -> {
                outbox.enqueue(new OutgoingMail("rolled-back@example.test", "never sent", "the change failed", null));
                throw new IllegalStateException("the business change fails after queueing its mail");
            }));
            fail("the transaction should have failed");
        } catch (IllegalStateException expected) {
            // the mail must go with it
        }
        RequestContext.runAs(agency, () -> database.inTransaction(c ->
                outbox.enqueue(new OutgoingMail("committed@example.test", "sent once", "the change committed", "<p>the change committed</p>"))));
        await("the committed mail", 20, () -> mailbox.messages().length >= 1);
        Thread.sleep(1500);
        MimeMessage[] received = mailbox.messages();
        assertEquals(1, received.length);
        assertEquals("sent once", received[0].getSubject());
        assertEquals("committed@example.test", received[0].getAllRecipients()[0].toString());
    }

    @Test
    public void anSmtpOutageLosesNothingAndSendsNothingTwice() throws Exception {
        Principal agency = agencyPrincipal("mail-outage");
        Database database = service(Database.class);
        Outbox outbox = service(Outbox.class);
        mailbox.close();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            ids.add(RequestContext.runAs(agency, () -> outbox.enqueue(
                    new OutgoingMail("person" + n + "@example.test", "outage mail " + n, "body " + n, null))));
        }
        // the sender tries, fails, and schedules retries while the server is down
        await("failed attempts recorded", 30, () -> ids.stream().allMatch(id -> attempts(database, id) >= 2));
        for (String id : ids) {
            assertEquals("PENDING", status(database, id));
        }

        mailbox.open();
        await("every mail delivered", 30, () -> mailbox.messages().length >= 3);
        Thread.sleep(3000); // further rounds must not send anything again
        MimeMessage[] received = mailbox.messages();
        Map<String, Integer> bySubject = new HashMap<>();
        for (MimeMessage m : received) {
            bySubject.merge(m.getSubject(), 1, Integer::sum);
            assertTrue(m.getMessageID(), m.getMessageID().endsWith("@clientele>"));
        }
        assertEquals(Map.of("outage mail 1", 1, "outage mail 2", 1, "outage mail 3", 1), bySubject);
        for (String id : ids) {
            assertEquals("SENT", status(database, id));
        }
    }

    private Principal agencyPrincipal(String slug) {
        createAgency(slug);
        Agency agency = service(AgencyDirectory.class).findBySlug(slug).orElseThrow();
        return Principal.system(agency.id(), agency.slug(), "outbox test");
    }

    private static int attempts(Database database, String id) {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT attempts FROM platform_outbox WHERE id = ?", rs -> rs.getInt(1), id)).orElse(-1);
    }

    private static String status(Database database, String id) {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT status FROM platform_outbox WHERE id = ?", rs -> rs.getString(1), id)).orElse(null);
    }
}
