package io.clientele.itests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;
import org.junit.rules.ExternalResource;

/**
 * The test SMTP server (GreenMail) on the port {@link ClienteleTestSupport#withTestSmtp} gave the runtime, and what
 * it received read as text. A JUnit rule that listens during each test:
 * {@code @Rule public final TestMailbox mailbox = new TestMailbox();} (or {@link #start} one and {@link #close} it).
 */
final class TestMailbox extends ExternalResource implements AutoCloseable {

    private volatile GreenMail smtp;

    /** Listens on the port of the system property {@code clientele.it.smtpPort} until {@link #close}. */
    static TestMailbox start() {
        TestMailbox mailbox = new TestMailbox();
        mailbox.open();
        return mailbox;
    }

    /**
     * Listens on the port of the system property {@code clientele.it.smtpPort}: again after {@link #close} (a mail server
     * back from an outage), with nothing received yet.
     */
    void open() {
        GreenMail server = new GreenMail(new ServerSetup(Integer.getInteger("clientele.it.smtpPort"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        smtp = server;
    }

    @Override
    protected void before() {
        open();
    }

    @Override
    protected void after() {
        close();
    }

    /** Every message received, in arrival order. */
    MimeMessage[] messages() {
        GreenMail server = smtp;
        return server == null ? new MimeMessage[0] : server.getReceivedMessages();
    }

    /**
     * Each mail to {@code recipient}, in arrival order, as its subject, a line break, then the text of each part
     * (plain text first, then HTML, as the platform sends them), each followed by a {@code ----} line.
     */
    List<String> mailsTo(String recipient) {
        List<String> mails = new ArrayList<>();
        for (MimeMessage m : messages()) {
            try {
                if (m.getAllRecipients()[0].toString().equalsIgnoreCase(recipient)) {
                    StringBuilder all = new StringBuilder(m.getSubject()).append('\n');
                    collect(m, all);
                    mails.add(all.toString());
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return mails;
    }

    /** Waits up to 30 s for {@code n} mails to {@code recipient} and returns all of them. */
    List<String> awaitMails(String recipient, int n) {
        ClienteleTestSupport.await(n + " mail(s) to " + recipient, 30, () -> mailsTo(recipient).size() >= n);
        return mailsTo(recipient);
    }

    /**
     * Waits up to 30 s for a mail to {@code recipient} in which {@code pattern} finds a match and returns the match's first
     * group (e.g. the token of an activation link), from the first such mail.
     */
    String awaitMatch(String recipient, Pattern pattern) {
        ClienteleTestSupport.await("a mail to " + recipient + " with " + pattern, 30,
                () -> mailsTo(recipient).stream().anyMatch(m -> pattern.matcher(m).find()));
        Matcher found = mailsTo(recipient).stream().map(pattern::matcher).filter(Matcher::find).findFirst().orElseThrow();
        return found.group(1);
    }

    /** Waits up to 30 s for the {@code n}-th mail to {@code recipient} and returns it. */
    String awaitMail(String recipient, int n) {
        return awaitMails(recipient, n).get(n - 1);
    }

    private static void collect(Part part, StringBuilder out) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), out);
            }
        } else if (content instanceof InputStream in) { // no mailcap handler in the test bundle: the decoded bytes
            out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append("\n----\n");
        } else {
            out.append(content).append("\n----\n");
        }
    }

    /** Stops listening (a mail server down, when a test calls it); what it received is gone with it. */
    @Override
    public void close() {
        GreenMail server = smtp;
        smtp = null;
        if (server != null) {
            server.stop();
        }
    }
}
