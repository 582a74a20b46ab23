package ${package}.impl.internal;

import ${package}.api.${className}Events;
import ${package}.api.${className}Item;
import ${package}.api.${className}Service;
import ${package}.api.${className}Service.Refused.Reason;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import java.util.Map;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The module's items, through its persistence unit: every read and write runs in the platform's transaction as the
 * request's agency ({@link EntityWork}), so history, outbox, events and these rows commit together.
 */
@Component(service = {${className}Service.class, ${className}Store.class})
public class ${className}Store implements ${className}Service {

    private final EntityWork work;
    private final DomainEvents events;

    /**
     * The unit {@code ${moduleId}} (META-INF/persistence.xml) is registered by Aries JPA once the bundle starts; the
     * descriptor is referenced so that the tables exist before the first call.
     */
    @Activate
    public ${className}Store(@Reference Database database,
                             @Reference(target = "(osgi.unit.name=${moduleId})") EntityManagerFactory unit,
                             @Reference ${className}Module module, @Reference DomainEvents events) {
        this.work = new EntityWork(database, unit);
        this.events = events;
    }

    @Override
    public Optional<${className}Item> find(String itemId) {
        if (itemId == null || itemId.length() > 36) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(${className}ItemRecord.class, itemId)).map(${className}ItemRecord::toApi));
    }

    @Override
    public ${className}Item get(String itemId) {
        return find(itemId).orElseThrow(() -> Refusal.notFound(Refused::new, Reason.ITEM_NOT_FOUND, "Item " + itemId));
    }

    @Override
    public Page<${className}Item> list(PageRequest request) {
        Page<${className}ItemRecord> page = work.inTransaction(em -> KeysetPages.page(em, ${className}ItemRecord.class, null, Map.of(), request, null));
        return new Page<>(page.items().stream().map(${className}ItemRecord::toApi).toList(), page.nextCursor());
    }

    @Override
    public ${className}Item create(String title) {
        String t = title == null ? null : title.strip();
        FieldErrors errors = new FieldErrors();
        if (t == null || t.isEmpty()) {
            errors.add("title", "is required");
        } else if (t.length() > 200) {
            errors.add("title", "must have at most 200 characters");
        } else if (t.chars().anyMatch(Character::isISOControl)) {
            errors.add("title", "must not contain control characters");
        }
        errors.refuseIfAny(fields -> Refusal.invalid(Refused::new, Reason.INVALID_INPUT, fields));
        return work.inTransaction(em -> {
            ${className}ItemRecord record = new ${className}ItemRecord(Jdbc.newId(), t, EntityWork.now());
            em.persist(record);
            em.flush();
            ${className}Item created = record.toApi();
            events.publish(${className}Events.ITEM_CREATED, Map.of("itemId", created.id(), "title", created.title()));
            return created;
        });
    }
}
