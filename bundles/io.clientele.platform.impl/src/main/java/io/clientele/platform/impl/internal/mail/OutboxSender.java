package io.clientele.platform.impl.internal.mail;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.impl.internal.mail.OutboxQueue.Claimed;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.SendFailedException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due outbox rows over SMTP. A node claims rows before sending them ({@link OutboxQueue#claim}): on PostgreSQL
 * with {@code SELECT … FOR UPDATE SKIP LOCKED}; on Derby (which has no SKIP LOCKED) with a conditional
 * {@code UPDATE … WHERE claimed_until IS NULL OR claimed_until < now} whose row count says who won. A claim is
 * a lease ({@code leaseSeconds}), renewed just before each of its mails is sent, so it need only outlast one send: a node
 * that dies leaves its rows to be retried once the lease runs out — or at once when the same installation (same host
 * and Karaf data folder, which Karaf's instance lock keeps to one runtime) starts again and takes back what its
 * previous run held. The moment a mail is handed to SMTP is recorded ({@code send_started_at}) and cleared with the
 * outcome: a mail killed between the server's acceptance and that record can reach its recipient twice — the one
 * mail in flight per node, which no sender can rule out without the receiver's help — so each message carries a
 * Message-ID derived from its outbox id, the same on every attempt, by which a receiver recognises the repeat.
 * Failures are retried with exponential backoff; a permanent refusal (5xx) ends as FAILED. A sent mail's body is
 * blanked as it is marked SENT: bodies carry one-time links (activation, password reset) that must not outlive their
 * delivery in the database; recipient, subject and dates stay until the retention purge. Every state change goes
 * through {@link OutboxQueue} (the platform unit's {@link OutboxRecord}); this class only decides and sends.
 */
@Component(immediate = true, configurationPid = "io.clientele.mail", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MailConfig.class)
public class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final OutboxQueue queue;
    private final MailConfig config;
    private final Duration lease;
    /** This installation's prefix of {@link #node}: the same across restarts of one runtime, distinct between runtimes. */
    private final String installation;
    private final String node;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "clientele-outbox");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public OutboxSender(@Reference Database database, @Reference(target = "(osgi.unit.name=platform)") EntityManagerFactory unit,
                        MailConfig config) {
        this(new OutboxQueue(database, unit), config, installationKey(System.getProperty("karaf.data", System.getProperty("user.dir"))));
    }

    OutboxSender(OutboxQueue queue, MailConfig config, String installation) {
        this.queue = queue;
        this.config = config;
        this.lease = leaseOf(config);
        this.installation = installation;
        this.node = installation + "/" + UUID.randomUUID().toString().substring(0, 8);
        takeBackPreviousClaims();
        scheduler.scheduleWithFixedDelay(this::deliverDue, 500, Math.max(100, config.pollIntervalMillis()), TimeUnit.MILLISECONDS);
    }

    /** The lease: {@code leaseSeconds}, but never shorter than three SMTP timeouts (connect, write, read). */
    static Duration leaseOf(MailConfig config) {
        return Duration.ofSeconds(Math.max(config.leaseSeconds(), 3L * Math.max(1, config.timeoutMillis()) / 1000 + 1));
    }

    /**
     * The host name (letters, digits, dots and hyphens only: no LIKE wildcard) and a digest of the data folder, at most 53
     * characters (the column holds 100 with the run's suffix).
     */
    static String installationKey(String dataFolder) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        host = host.replaceAll("[^A-Za-z0-9.-]", "-");
        if (host.length() > 40) {
            host = host.substring(0, 40);
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(java.nio.file.Paths.get(dataFolder).toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return host + "/" + java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Releases the claims of this installation's previous run — killed, or stopped mid-batch — so that its mails go out
     * now rather than when their leases run out. Only one runtime runs on a data folder at a time, so nobody else holds them.
     */
    private void takeBackPreviousClaims() {
        try {
            int n = queue.takeBack(installation, node);
            if (n > 0) {
                LOG.info("took back {} mail(s) claimed by this installation's previous run", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not take back the previous run's mail claims (they are retried when their leases end): {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(config.timeoutMillis() * 2L, TimeUnit.MILLISECONDS);
    }

    void deliverDue() {
        try {
            List<Claimed> batch = claim();
            if (batch.isEmpty()) {
                return;
            }
            send(batch);
        } catch (RuntimeException e) {
            LOG.warn("outbox round failed: {}", e.getMessage());
        }
    }

    /**
     * Sends claimed mail one by one. Each mail's lease is renewed just before it is sent, and a mail whose claim is no
     * longer this node's (a batch slow enough — SMTP timeouts — for the lease to run out and another node to claim the
     * row) is left to that node instead of being sent twice.
     */
    void send(List<Claimed> batch) {
        Session session = session();
        for (Claimed mail : batch) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            if (!renewClaim(mail)) {
                LOG.info("mail {} is no longer claimed by this node; left to the node that holds it", mail.id());
                continue;
            }
            if (mail.sendStarted()) {
                LOG.warn("mail {} was being handed to SMTP when its sender stopped; sending it again with the same Message-ID "
                        + "(its recipient may get it twice)", mail.id());
            }
            deliver(session, mail);
        }
    }

    /** Renews the mail's lease and records that its send starts now, if this node still holds it. */
    private boolean renewClaim(Claimed mail) {
        return queue.startSend(mail.id(), node, Instant.now(), lease);
    }

    List<Claimed> claim() {
        return queue.claim(node, Instant.now(), lease, config.batchSize());
    }

    private void deliver(Session session, Claimed mail) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Session.class.getClassLoader());
        try {
            MimeMessage message = new StableIdMessage(session, "<" + mail.id() + "@clientele>");
            message.setFrom(new InternetAddress(config.from()));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.recipient(), true));
            message.setSubject(mail.subject(), "UTF-8");
            message.setSentDate(new Date());
            if (mail.html() == null) {
                message.setText(mail.text(), "UTF-8");
            } else {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(mail.text() == null ? "" : mail.text(), "UTF-8");
                MimeBodyPart html = new MimeBodyPart();
                html.setContent(mail.html(), "text/html; charset=UTF-8");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                message.setContent(alternative);
            }
            if (config.user() == null || config.user().isBlank()) {
                Transport.send(message);
            } else {
                Transport.send(message, config.user(), config.password());
            }
            queue.sent(mail.id(), node, Instant.now());
            LOG.info("mail {} delivered", mail.id());
        } catch (MessagingException e) {
            failed(mail, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private void failed(Claimed mail, MessagingException e) {
        boolean permanent = e instanceof SendFailedException sfe && sfe.getValidSentAddresses() == null
                && sfe.getInvalidAddresses() != null && sfe.getInvalidAddresses().length > 0;
        int attempts = mail.attempts() + 1;
        long delay = Math.min((long) Math.max(1, config.retryBaseSeconds()) << Math.min(attempts - 1, 20), Math.max(1, config.retryMaxSeconds()));
        String error = String.valueOf(e.getMessage());
        if (error.length() > 1000) {
            error = error.substring(0, 1000);
        }
        Instant next = Instant.now().plusSeconds(delay);
        if (permanent) {
            queue.fail(mail.id(), node, attempts, next, error);
        } else {
            queue.retry(mail.id(), node, attempts, next, error);
        }
        if (permanent) {
            LOG.error("mail {} refused permanently: {}", mail.id(), error);
        } else {
            LOG.warn("mail {} not delivered (attempt {}), retry in {} s: {}", mail.id(), attempts, delay, error);
        }
    }

    private Session session() {
        Properties p = new Properties();
        String tls = config.tls() == null ? "none" : config.tls().trim().toLowerCase();
        String protocol = "ssl".equals(tls) ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", config.host());
        p.put("mail." + protocol + ".port", String.valueOf(config.port()));
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(config.timeoutMillis()));
        p.put("mail." + protocol + ".timeout", String.valueOf(config.timeoutMillis()));
        p.put("mail." + protocol + ".writetimeout", String.valueOf(config.timeoutMillis()));
        p.put("mail." + protocol + ".auth", String.valueOf(config.user() != null && !config.user().isBlank()));
        if ("starttls".equals(tls)) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (!"none".equals(tls)) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return Session.getInstance(p);
    }

    /** A message whose Message-ID is fixed by the outbox row instead of generated on each attempt. */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

}
