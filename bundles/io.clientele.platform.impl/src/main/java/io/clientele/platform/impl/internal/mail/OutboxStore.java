package io.clientele.platform.impl.internal.mail;

import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.mail.Outbox;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.impl.internal.users.UserStore;
import io.clientele.platform.jpa.EntityWork;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Queues mail as {@link OutboxRecord}s in the caller's transaction (through {@link EntityWork}: inside the caller's
 * {@code Database.inTransaction} the row commits or rolls back with the caller's JDBC and JPA writes);
 * {@link OutboxSender} delivers them. The row keeps the caller's agency, if any, as a plain column.
 */
@Component(service = Outbox.class)
public class OutboxStore implements Outbox {

    private final EntityWork work;

    @Activate
    public OutboxStore(@Reference Database database, @Reference(target = "(osgi.unit.name=platform)") EntityManagerFactory unit) {
        this.work = new EntityWork(database, unit);
    }

    @Override
    public String enqueue(OutgoingMail mail) {
        FieldErrors errors = new FieldErrors();
        UserStore.checkEmail(errors, "to", mail.to());
        errors.require(mail.subject() != null && !mail.subject().isBlank(), "subject", "is required");
        errors.require(mail.textBody() != null || mail.htmlBody() != null, "textBody", "a text or HTML body is required");
        errors.throwIfAny();
        String id = Jdbc.newId();
        String agencyId = RequestContext.current().map(p -> p.agencyId()).orElse(null);
        String subject = mail.subject().replaceAll("[\\r\\n]+", " ");
        OutboxRecord row = new OutboxRecord(id, agencyId, mail.to().trim(), subject.length() > 500 ? subject.substring(0, 500) : subject,
                mail.textBody(), mail.htmlBody(), EntityWork.now());
        work.acrossAgencies(em -> {
            em.persist(row);
            return null;
        });
        return id;
    }
}
