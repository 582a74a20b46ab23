package io.clientele.portal.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.api.PortalTab;
import io.clientele.portal.api.home.ApprovalsPort;
import io.clientele.portal.api.home.ApprovalsPort.AwaitingPiece;
import io.clientele.portal.api.home.BillingPort;
import io.clientele.portal.api.home.BillingPort.OpenInvoice;
import io.clientele.platform.api.money.Money;
import io.clientele.portal.impl.internal.ServiceDesk.Note;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /api/v1/portal/home} (tab Home): what the contact's customer owes and its open invoices (while the monthly-fee
 * module is installed, the agency has it, and the Invoices or Payments tab is on), the pieces awaiting its approval (while iJob is installed
 * and the Jobs tab is on) and the latest service notes (while the ServiceNotes tab is on). A part that does not apply is
 * null; another module's absence is never an error.
 */
@Path("/v1/portal/home")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal")
@Component(service = PortalHomeResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalHomeResource {

    static final int LATEST_NOTES = 3;
    static final String MONTHLY_FEE = "monthly-fee";

    private final PortalGate gate;
    private final PortalSettingsStore settings;
    private final ServiceDesk desk;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile BillingPort billing;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ApprovalsPort approvals;

    @Activate
    public PortalHomeResource(@Reference PortalGate gate, @Reference PortalSettingsStore settings, @Reference ServiceDesk desk) {
        this.gate = gate;
        this.settings = settings;
        this.desk = desk;
    }

    /**
     * The contact's Home. {@code balanceDue}: one amount per currency of the open invoices' balances; {@code openInvoices}:
     * oldest due first; {@code awaitingApproval}: pieces, most recently changed first; {@code latestNotes}: newest first.
     */
    public record Home(List<Amount> balanceDue, List<InvoiceView> openInvoices, List<AwaitingPiece> awaitingApproval,
                       List<Note> latestNotes) {
    }

    /** An amount as the API writes money: the decimal string beside its currency. */
    public record Amount(@Schema(example = "1250.00") String amount, @Schema(example = "BRL") String currency) {
        static Amount of(Money m) {
            return new Amount(m.toPlainString(), m.currencyCode());
        }
    }

    /** An open invoice: {@code total} and {@code balance} in {@code currency}. */
    public record InvoiceView(String id, long number, LocalDate issueDate, LocalDate dueDate, String currency,
                              @Schema(example = "1250.00") String total, @Schema(example = "1250.00") String balance) {
        static InvoiceView of(OpenInvoice i) {
            return new InvoiceView(i.id(), i.number(), i.issueDate(), i.dueDate(), i.total().currencyCode(), i.total().toPlainString(),
                    i.balance().toPlainString());
        }
    }

    @GET
    @Operation(operationId = "getPortalHome",
            summary = "Balance due and open invoices, pieces awaiting approval and the latest service notes of the contact's customer "
                    + "(a part whose module is not installed or whose tab is off is null)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Home.class)))
    public Home home() {
        Contact contact = gate.enter(PortalTab.HOME);
        Set<PortalTab> tabs = settings.openTabs();
        Principal self = RequestContext.principal();
        // the contact's own customer only; the other modules' services apply staff visibility, so they are asked as the agency
        Principal agency = Principal.system(self.agencyId(), self.agencySlug(), "portal home");
        BillingPort b = billing;
        BillingPort.Billing owed = b != null && settings.enabledForAgency(MONTHLY_FEE)
                && (tabs.contains(PortalTab.INVOICES) || tabs.contains(PortalTab.PAYMENTS))
                ? RequestContext.runAs(agency, () -> b.billingOf(contact.customerId())) : null;
        ApprovalsPort a = approvals;
        List<AwaitingPiece> awaiting = a != null && tabs.contains(PortalTab.JOBS)
                ? RequestContext.runAs(agency, () -> a.awaitingApproval(contact.customerId())) : null;
        List<Note> notes = tabs.contains(PortalTab.SERVICE_NOTES)
                ? desk.notesFor(contact, PageRequest.of(Integer.toString(LATEST_NOTES), null)).items() : null;
        return new Home(owed == null ? null : owed.balanceDue().stream().map(Amount::of).toList(),
                owed == null ? null : owed.openInvoices().stream().map(InvoiceView::of).toList(), awaiting, notes);
    }
}
