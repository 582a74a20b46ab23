package io.clientele.itests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;

/**
 * The test SMTP server (GreenMail) on the port {@link ClienteleTestSupport#withTestSmtp} gave the runtime, and what
 * it received read as text. Start one per test ({@code @Before}) and {@link #close} it after.
 */
final class TestMailbox implements AutoCloseable {

    private final GreenMail smtp;

    private TestMailbox(GreenMail smtp) {
        this.smtp = smtp;
    }

    /** Listens on the port of the system property {@code clientele.it.smtpPort}. */
    static TestMailbox start() {
        GreenMail smtp = new GreenMail(new ServerSetup(Integer.getInteger("clientele.it.smtpPort"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return new TestMailbox(smtp);
    }

    /** Every message received, in arrival order. */
    MimeMessage[] messages() {
        return smtp.getReceivedMessages();
    }

    /**
     * Each mail to {@code recipient}, in arrival order, as its subject, a line break, then the text of each part
     * (plain text first, then HTML, as the platform sends them), each followed by a {@code ----} line.
     */
    List<String> mailsTo(String recipient) {
        List<String> mails = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
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

    @Override
    public void close() {
        smtp.stop();
    }
}
