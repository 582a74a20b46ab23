package io.clientele.ijob.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.PortalAccess;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.ijob.api.Job;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A customer's contact requests a job through the portal, for its own customer or (when allowed) for another customer of
 * its group; the customer's team is notified.
 */
@Component(service = PortalJobRequests.class)
public class PortalJobRequests {

    private final Database database;
    private final Jobs jobs;
    private final CustomerDirectory customers;
    private final PortalAccess portal;
    private final TeamNotices team;

    /**
     * A job as its customer's contact sees it; {@code origin} is {@code PORTAL} for a job a contact requested (its
     * briefing is shown) and {@code STAFF} for one the agency opened (its briefing, the agency's own notes, is not).
     */
    public record PortalJob(String id, String customerId, String title, Map<String, String> briefing, Instant createdAt,
                            String origin) {
    }

    @Activate
    public PortalJobRequests(@Reference Database database, @Reference Jobs jobs, @Reference CustomerDirectory customers,
                             @Reference PortalAccess portal, @Reference TeamNotices team) {
        this.database = database;
        this.jobs = jobs;
        this.customers = customers;
        this.portal = portal;
        this.team = team;
    }

    public PortalJob open(Inputs.NewPortalJob input) {
        Inputs.NewPortalJob in = Inputs.body(input);
        Contact me = portal.currentContact().orElseThrow(() -> ProblemException.unauthorized("The account is no longer active."));
        requireJobsTab();
        FieldErrors errors = new FieldErrors();
        String customerId = Inputs.text(errors, "customerId", in.customerId(), 36, false);
        String title = Inputs.text(errors, "title", in.title(), Inputs.MAX_TITLE, true);
        Map<String, String> briefing = Inputs.briefing(errors, "briefing", in.briefing());
        errors.throwIfAny();
        String target = customerId == null ? me.customerId() : customerId;
        return database.inTransaction(tx -> {
            Customer customer = AsPlatform.run(() -> {
                Customer own = customers.find(me.customerId()).orElseThrow(() -> ProblemException.notFound("Customer " + target));
                if (target.equals(own.id())) {
                    return own;
                }
                Customer other = customers.find(target).orElseThrow(() -> ProblemException.notFound("Customer " + target));
                if (!groupKey(own).equals(groupKey(other))) {
                    throw ProblemException.notFound("Customer " + target);
                }
                if (!Boolean.TRUE.equals(me.canOpenJobsForGroup())) {
                    throw ProblemException.forbidden("This contact may open jobs only for its own customer.");
                }
                return other;
            });
            JobRecord job = jobs.insert(Jdbc.newId(), customer.id(), title, true, null, null, briefing, "PORTAL", null, null);
            team.jobRequested(customer, me.name(), job.id(), title);
            return portalView(job.toApi());
        });
    }

    /**
     * The iJob jobs of the contact's own customer, newest first: those its contacts requested here and those the
     * agency opened for it. Empty when the customer has no portal access.
     */
    public List<PortalJob> list() {
        Contact me = portal.currentContact().orElseThrow(() -> ProblemException.unauthorized("The account is no longer active."));
        requireJobsTab();
        return AsPlatform.run(() -> {
            if (customers.find(me.customerId()).filter(Customer::portalAccess).isEmpty()) {
                return List.<PortalJob>of();
            }
            return jobs.jobsOfCustomer(me.customerId()).stream().filter(Job::ijob).map(PortalJobRequests::portalView).toList();
        });
    }

    private static PortalJob portalView(Job job) {
        boolean requested = "PORTAL".equals(job.origin());
        return new PortalJob(job.id(), job.customerId(), job.title(), requested ? job.briefing() : Map.of(), job.createdAt(),
                requested ? "PORTAL" : "STAFF");
    }

    /** A customer's group: its parent's id, or its own id (a parent, or a customer in no group). */
    static String groupKey(Customer c) {
        return c.groupId() != null ? c.groupId() : c.id();
    }

    /** The agency's portal tabs (module portal, when installed): the Jobs tab switched off closes the approval dashboard. */
    @org.osgi.service.component.annotations.Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    private volatile io.clientele.contact.api.PortalPolicy tabs;

    /** 403 when the contact's agency switched the portal's Jobs tab off. */
    private void requireJobsTab() {
        io.clientele.contact.api.PortalPolicy policy = tabs;
        if (policy != null && !policy.tabEnabled("Jobs")) {
            throw ProblemException.forbidden("The agency has switched the portal tab Jobs off.");
        }
    }
}
