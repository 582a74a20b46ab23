package io.clientele.monthlyfee.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.ContactDirectory;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.monthlyfee.impl.internal.Fees.Estimate;
import io.clientele.monthlyfee.impl.internal.Fees.EstimateLine;
import io.clientele.monthlyfee.impl.internal.Fees.EstimateStatus;
import io.clientele.monthlyfee.impl.internal.Fees.NewEstimate;
import io.clientele.monthlyfee.impl.internal.Fees.NewEstimateLine;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.mail.Outbox;
import io.clientele.platform.api.rest.Cursor;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Formats;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Estimates (quotes) for customers: DRAFT → SENT (e-mailed to the primary contact) → ACCEPTED or DECLINED. */
@Component(service = EstimateStore.class)
public class EstimateStore {

    static final int MAX_LINES = 200;
    static final String DEFAULT_CURRENCY = "BRL";

    private final Database database;
    private final TenantTable estimates;
    private final TenantTable lines;
    private final CustomerDirectory customers;
    private final ContactDirectory contacts;
    private final Outbox outbox;
    private final HistoryService history;
    private final DomainEvents events;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public EstimateStore(@Reference Database database, @Reference MonthlyFeeModule module, @Reference CustomerDirectory customers,
                         @Reference ContactDirectory contacts, @Reference Outbox outbox, @Reference HistoryService history,
                         @Reference DomainEvents events) {
        this.database = database;
        this.estimates = new TenantTable(database, "monthly_fee_estimate");
        this.lines = new TenantTable(database, "monthly_fee_estimate_line");
        this.customers = customers;
        this.contacts = contacts;
        this.outbox = outbox;
        this.history = history;
        this.events = events;
    }

    public Optional<Estimate> find(String id) {
        if (!Fees.plausibleId(id)) {
            return Optional.empty();
        }
        return database.inTransaction(c -> estimates.findById(id, rs -> rs.getString("customer_id"))
                .filter(customerId -> customers.find(customerId).isPresent()).map(customerId -> read(id)));
    }

    public Estimate get(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("Estimate " + id));
    }

    public Page<Estimate> list(String customerId, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        Fees.restrictToCustomer(customers, customerId, where, params);
        List<String> after = Fees.cursor(page.cursor());
        if (after != null) {
            Instant at = Fees.instantOf(after.get(0));
            where.append(" AND (created_at > ? OR (created_at = ? AND id > ?))");
            params.addAll(List.of(at, at, after.get(1)));
        }
        List<String[]> rows = estimates.find(where.toString(), params, "created_at, id", page.limit() + 1,
                rs -> new String[] {rs.getString("id"), Jdbc.instant(rs, "created_at").toString(), rs.getString("customer_id")});
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            next = Cursor.encode(rows.get(rows.size() - 1)[1], rows.get(rows.size() - 1)[0]);
        }
        Map<String, Boolean> visible = new HashMap<>();
        List<Estimate> items = rows.stream().filter(r -> visible.computeIfAbsent(r[2], id -> customers.find(id).isPresent()))
                .map(r -> read(r[0])).toList();
        return new Page<>(items, next);
    }

    public Estimate create(NewEstimate request) {
        if (request == null) {
            throw ProblemException.malformed("An estimate is required as the request body.", null);
        }
        FieldErrors errors = new FieldErrors();
        String customerId = request.customerId() == null || request.customerId().isBlank() ? null : request.customerId().trim();
        if (customerId == null) {
            errors.add("customerId", "is required");
        } else if (!Fees.isVisibleCustomer(customers, customerId)) {
            errors.add("customerId", "is not a customer of this agency");
        }
        String title = request.title() == null || request.title().isBlank() ? null : request.title().trim();
        if (title == null) {
            errors.add("title", "is required");
        } else if (title.length() > 300) {
            errors.add("title", "must have at most 300 characters");
        }
        String currency = request.currency() == null ? DEFAULT_CURRENCY
                : Money.currency("currency", request.currency().trim().toUpperCase(Locale.ROOT), errors);
        List<EstimateLine> estimateLines = new ArrayList<>();
        List<BigDecimal> amounts = new ArrayList<>();
        if (request.lines() == null || request.lines().isEmpty()) {
            errors.add("lines", "must have at least one line");
        } else if (request.lines().size() > MAX_LINES) {
            errors.add("lines", "must have at most " + MAX_LINES + " lines");
        } else {
            for (int i = 0; i < request.lines().size(); i++) {
                NewEstimateLine line = request.lines().get(i);
                String at = "lines[" + i + "]";
                if (line == null) {
                    errors.add(at, "is required");
                    continue;
                }
                String description = line.description() == null || line.description().isBlank() ? null : line.description().trim();
                if (description == null) {
                    errors.add(at + ".description", "is required");
                } else if (description.length() > 500) {
                    errors.add(at + ".description", "must have at most 500 characters");
                }
                BigDecimal quantity = Money.quantity(at + ".quantity", line.quantity(), errors);
                BigDecimal unitPrice = Money.positive(at + ".unitPrice", line.unitPrice(), errors);
                if (description != null && quantity != null && unitPrice != null) {
                    BigDecimal amount = Money.times(quantity, unitPrice);
                    amounts.add(amount);
                    estimateLines.add(new EstimateLine(description, Money.plain(quantity), Money.format(unitPrice), Money.format(amount)));
                }
            }
        }
        errors.throwIfAny();
        String id = Jdbc.newId();
        Instant now = clock.instant();
        BigDecimal total = Money.sum(amounts);
        return database.inTransaction(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("customer_id", customerId);
            row.put("title", title);
            row.put("currency", currency);
            row.put("total", total);
            row.put("status", EstimateStatus.DRAFT);
            row.put("version", 0L);
            row.put("created_at", now);
            row.put("updated_at", now);
            estimates.insert(row);
            int lineNo = 0;
            for (EstimateLine l : estimateLines) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", Jdbc.newId());
                line.put("estimate_id", id);
                line.put("line_no", ++lineNo);
                line.put("description", l.description());
                line.put("quantity", l.quantity());
                line.put("unit_price", new BigDecimal(l.unitPrice()));
                line.put("amount", new BigDecimal(l.amount()));
                lines.insert(line);
            }
            Estimate created = read(id);
            history.record("customer", customerId, "estimate", id, "CREATED", List.of(new FieldChange("title", null, title),
                    new FieldChange("total", null, created.total() + " " + currency)));
            events.publish("clientele/monthly-fee/estimate/CREATED", Map.of("estimateId", id, "customerId", customerId));
            return created;
        });
    }

    /** E-mails the estimate to the customer's primary contact (through the outbox, in this transaction) and marks it SENT. */
    public Estimate send(String id) {
        return database.inTransaction(c -> {
            Estimate before = lockVisible(c, id);
            if (before.status() != EstimateStatus.DRAFT && before.status() != EstimateStatus.SENT) {
                throw ProblemException.conflict("The estimate is " + before.status() + " and can no longer be sent.");
            }
            Contact primary = contacts.ofCustomer(before.customerId()).stream()
                    .filter(ct -> Boolean.TRUE.equals(ct.primary()) && Formats.isEmail(ct.email())).findFirst()
                    .orElseThrow(() -> ProblemException.invalid("primaryContact",
                            "the customer has no primary contact with an e-mail address to send the estimate to"));
            Customer customer = customers.find(before.customerId()).orElseThrow(() -> ProblemException.notFound("Estimate " + id));
            outbox.enqueue(new OutgoingMail(primary.email(), "Estimate: " + before.title(), text(before, primary, customer), null));
            Instant now = clock.instant();
            estimates.update(id, null, Map.of("status", EstimateStatus.SENT, "sent_to", primary.email(), "sent_at", now, "updated_at", now));
            Estimate after = read(id);
            history.record("customer", before.customerId(), "estimate", id, "SENT", List.of(
                    new FieldChange("status", before.status().name(), EstimateStatus.SENT.name()),
                    new FieldChange("sentTo", before.sentTo(), primary.email())));
            events.publish("clientele/monthly-fee/estimate/SENT", Map.of("estimateId", id, "customerId", before.customerId()));
            return after;
        });
    }

    /** ACCEPTED or DECLINED; only a SENT estimate can be answered. */
    public Estimate decide(String id, EstimateStatus decision) {
        return database.inTransaction(c -> {
            Estimate before = lockVisible(c, id);
            if (before.status() != EstimateStatus.SENT) {
                throw ProblemException.conflict("The estimate is " + before.status() + "; only a SENT estimate can be "
                        + decision.name().toLowerCase(Locale.ROOT) + ".");
            }
            estimates.update(id, null, Map.of("status", decision, "updated_at", clock.instant()));
            Estimate after = read(id);
            history.record("customer", before.customerId(), "estimate", id, decision.name(),
                    List.of(new FieldChange("status", before.status().name(), decision.name())));
            events.publish("clientele/monthly-fee/estimate/" + decision.name(), Map.of("estimateId", id, "customerId", before.customerId()));
            return after;
        });
    }

    private Estimate lockVisible(java.sql.Connection c, String id) {
        get(id);
        Jdbc.update(c, "UPDATE monthly_fee_estimate SET version = version WHERE agency_id = ? AND id = ?", RequestContext.agencyId(), id);
        return read(id);
    }

    private static String text(Estimate e, Contact to, Customer customer) {
        StringBuilder sb = new StringBuilder();
        sb.append("Hello ").append(to.name()).append(",\n\n");
        sb.append("Here is our estimate \"").append(e.title()).append("\" for ").append(customer.name()).append(":\n\n");
        for (EstimateLine l : e.lines()) {
            sb.append("- ").append(l.description()).append(": ").append(l.quantity().toPlainString()).append(" x ")
                    .append(l.unitPrice()).append(" = ").append(l.amount()).append(' ').append(e.currency()).append('\n');
        }
        sb.append("\nTotal: ").append(e.total()).append(' ').append(e.currency()).append("\n\nReference: ").append(e.id()).append('\n');
        return sb.toString();
    }

    private Estimate read(String id) {
        List<EstimateLine> estimateLines = lines.find("estimate_id = ?", List.of(id), "line_no", 0, rs -> new EstimateLine(
                rs.getString("description"), Money.plain(rs.getBigDecimal("quantity")), Money.format(rs.getBigDecimal("unit_price")),
                Money.format(rs.getBigDecimal("amount"))));
        return estimates.findById(id, rs -> map(rs, estimateLines)).orElseThrow(() -> ProblemException.notFound("Estimate " + id));
    }

    private static Estimate map(ResultSet rs, List<EstimateLine> lines) throws SQLException {
        return new Estimate(rs.getString("id"), rs.getString("customer_id"), rs.getString("title"), rs.getString("currency"), lines,
                Money.format(rs.getBigDecimal("total")), EstimateStatus.valueOf(rs.getString("status")), rs.getString("sent_to"),
                Jdbc.instant(rs, "sent_at"), rs.getLong("version"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }
}
