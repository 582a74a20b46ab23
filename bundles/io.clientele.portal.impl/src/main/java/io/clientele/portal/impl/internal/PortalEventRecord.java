package io.clientele.portal.impl.internal;

import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import io.clientele.platform.api.i18n.Locales;
import io.clientele.platform.api.i18n.Messages;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * One line of a customer's portal history ({@code portal_event}): written when something the customer may see happens,
 * with a summary meant for the customer. Never an internal comment, never a staff user's id. The summary is rendered in
 * the reader's language from the line's kind and arguments ({@link #of}); lines written before keep their English text.
 */
@Entity(name = "PortalEvent")
@Table(name = "portal_event")
public class PortalEventRecord extends TenantOwned implements CreationOrder {

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "kind", length = 40, nullable = false, updatable = false)
    private String kind;

    @Column(name = "summary", length = 500, nullable = false, updatable = false)
    private String summary;

    /**
     * What the summary says, kept to render it in the reader's language ({@code Messages.store}: the arguments of the
     * text {@code history.<kind>[.<variant>]}); null on lines written before (their stored English summary is shown).
     */
    @Column(name = "params", length = 2000, updatable = false)
    private String params;

    /** The note or request the line is about. */
    @Column(name = "subject_id", length = 36, updatable = false)
    private String subjectId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** The longest text argument kept (a note's text is cut as the stored summary always was). */
    static final int MAX_ARGUMENT = 500;

    protected PortalEventRecord() {
    }

    PortalEventRecord(String id, String customerId, String kind, String summary, String subjectId, Instant now) {
        super(id);
        this.customerId = customerId;
        this.kind = kind;
        this.summary = summary.length() > 500 ? summary.substring(0, 497) + "..." : summary;
        this.subjectId = subjectId;
        this.createdAt = now;
    }

    /**
     * A line whose summary is the portal's text {@code history.<kind>} (or {@code history.<kind>.<variant>} when
     * {@code args} has a {@code variant}) with {@code args}; the English summary is stored too, for whoever reads the
     * table.
     */
    static PortalEventRecord of(String id, String customerId, String kind, Map<String, Object> args, String subjectId, Instant now) {
        Map<String, Object> kept = new LinkedHashMap<>();
        args.forEach((k, v) -> kept.put(k, v instanceof String text && text.length() > MAX_ARGUMENT
                ? text.substring(0, MAX_ARGUMENT - 3) + "..." : v));
        PortalEventRecord r = new PortalEventRecord(id, customerId, kind, summary(kind, kept, Locales.EN), subjectId, now);
        r.params = Messages.store(kept);
        return r;
    }

    /** The summary in {@code locale}: rendered from the stored arguments, or the English text of a line without them. */
    String summary(Locale locale) {
        if (params == null) {
            return summary;
        }
        return summary(kind, Messages.restore(params), locale);
    }

    private static String summary(String kind, Map<String, Object> args, Locale locale) {
        Object variant = args.get("variant");
        String text = PortalTexts.MESSAGES.text(locale, "history." + kind + (variant == null ? "" : "." + variant), args);
        return text.length() > 500 ? text.substring(0, 497) + "..." : text;
    }

    String customerId() {
        return customerId;
    }

    String kind() {
        return kind;
    }

    String summary() {
        return summary;
    }

    String subjectId() {
        return subjectId;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }
}
