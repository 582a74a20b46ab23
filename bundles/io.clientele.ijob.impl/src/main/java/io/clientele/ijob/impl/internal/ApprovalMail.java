package io.clientele.ijob.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.ContactDirectory;
import io.clientele.contact.api.PortalStatus;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.ijob.api.StepType;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.mail.MailTemplate;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.TenantTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * E-mails a customer's active portal contacts that a piece awaits their approval, with the piece's portal link, through
 * the outbox in the caller's transaction. Only iJob-flagged jobs of customers with portal access are announced. The mail
 * names the piece's current file version (the one uploaded during the alteration that reopened the approval), which is
 * what the link shows first; uploading a version sends no mail of its own, so a loop announces each approval once.
 */
@Component(service = ApprovalMail.class, configurationPid = "io.clientele.ijob")
@Designate(ocd = IJobConfig.class)
public class ApprovalMail {

    private final CustomerDirectory customers;
    private final ContactDirectory contacts;
    private final MailTemplates mail;
    private final MailTemplate awaitingApproval;
    private final IJobConfig config;
    private final TenantTable files;

    @Activate
    public ApprovalMail(@Reference Database database, @Reference CustomerDirectory customers, @Reference ContactDirectory contacts,
                        @Reference MailTemplates mail, IJobConfig config) {
        this.files = new TenantTable(database, "ijob_piece_file");
        this.customers = customers;
        this.contacts = contacts;
        this.mail = mail;
        this.awaitingApproval = mail.load(ApprovalMail.class, "piece-awaiting-approval");
        this.config = config;
    }

    /** Announces the piece when one of these workflow events opened a customer approval step. */
    void afterWorkflow(JobRecord job, PieceRecord piece, List<Workflow.Event> happened) {
        boolean approvalOpened = happened.stream().anyMatch(e -> "STEP_OPENED".equals(e.action())
                && e.step().type() == StepType.CUSTOMER_APPROVAL);
        if (approvalOpened && job.ijob()) {
            awaitingApproval(job, piece);
        }
    }

    /** Mails every active contact of the job's customer (when it has portal access) that the piece awaits its approval. */
    void awaitingApproval(JobRecord job, PieceRecord piece) {
        Principal caller = RequestContext.principal();
        // the current version of the file to review, if the team uploaded one: [] or [{versionNumber, fileName}]
        List<Map<String, Object>> current = files.find("piece_id = ?", List.of(piece.id()), "file_number DESC", 1, rs -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("versionNumber", rs.getInt("file_number"));
            f.put("fileName", rs.getString("file_name"));
            return f;
        });
        AsPlatform.run(() -> {
            Customer customer = customers.find(job.customerId()).orElse(null);
            if (customer == null || !customer.portalAccess()) {
                return null;
            }
            String link = publicBaseUrl() + "/portal/" + caller.agencySlug() + "/pieces/" + piece.id();
            for (Contact c : contacts.ofCustomer(customer.id())) {
                if (c.portalStatus() == PortalStatus.ACTIVE && c.email() != null && !c.email().isBlank()) {
                    mail.send(awaitingApproval, c.email(), null, Map.of("contactName", c.name(), "pieceTitle", piece.title(),
                            "jobTitle", job.title(), "link", link, "files", current));
                }
            }
            return null;
        });
    }

    private String publicBaseUrl() {
        String base = config.publicBaseUrl() == null || config.publicBaseUrl().isBlank() ? "http://localhost:8181" : config.publicBaseUrl().trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }
}
