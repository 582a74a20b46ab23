package io.clientele.portal.impl.internal;

import io.clientele.customer.api.CustomerDirectory;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.impl.internal.PaymentLedger.PaymentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/payments} (ADMIN, FINANCE): the payments contacts made through the portal and the automatic charges —
 * who paid, when, what was recorded on each invoice; OVERPAID ones with their excess, FAILED ones with the gateway's reason.
 */
@Path("/v1/payments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Portal payments")
@AllowedRoles({Role.ADMIN, Role.FINANCE})
@Component(service = StaffPaymentsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class StaffPaymentsResource {

    private final PaymentLedger ledger;
    private final CustomerDirectory customers;

    @Activate
    public StaffPaymentsResource(@Reference PaymentLedger ledger, @Reference CustomerDirectory customers) {
        this.ledger = ledger;
        this.customers = customers;
    }

    public record PaymentPage(List<PaymentView> items, String nextCursor) {
    }

    @GET
    @Operation(operationId = "listPayments",
            summary = "Portal payments and automatic charges, newest first; customerId and state (e.g. OVERPAID, FAILED) filter")
    public PaymentPage list(@QueryParam("customerId") String customerId, @QueryParam("state") String state,
                            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PaymentStatus status = null;
        if (state != null && !state.isBlank()) {
            try {
                status = PaymentStatus.valueOf(state);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("state", "must be one of " + Arrays.toString(PaymentStatus.values()));
            }
        }
        String customer = customerId == null || customerId.isBlank() ? null : customerId;
        if (customer != null && (customer.length() > 36 || customers.find(customer).isEmpty())) {
            throw ProblemException.notFound("Customer " + customer);
        }
        Page<PaymentView> page = ledger.list(customer, status, PageRequest.of(limit, cursor));
        List<PaymentView> visible = customer != null ? page.items()
                : page.items().stream().filter(p -> customers.find(p.customerId()).isPresent()).toList();
        return new PaymentPage(visible, page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPayment", summary = "One portal payment (of a customer the caller sees)")
    public PaymentView payment(@PathParam("id") String id) {
        PaymentView view = ledger.view(id);
        if (customers.find(view.customerId()).isEmpty()) {
            throw ProblemException.notFound("Payment " + id);
        }
        return view;
    }
}
