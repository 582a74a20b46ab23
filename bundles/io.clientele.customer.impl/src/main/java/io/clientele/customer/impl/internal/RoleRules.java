package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerAction;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * The agency's role table (product.md "Roles inside an agency"; the README's "Roles and rights"), as one pure
 * function of the caller, the action and the customer. A user serves a customer when named its
 * {@code serviceManagerId}, assists it when named its {@code assistantId}; either counts only for users holding
 * the SERVICE or ASSISTANT role (a COLLABORATOR named there gains nothing). Following a customer gives sight, not rights.
 */
final class RoleRules {

    static final String PREPARE = "Monthly fees, estimates and budgets of a customer are prepared by ADMIN, FINANCE, "
            + "or the SERVICE or ASSISTANT user who serves or assists that customer.";
    static final String BILL = "Pre-billing, invoices, payments, a customer's approval of a fee entry or answer to an estimate, "
            + "and budget spend are recorded by ADMIN or FINANCE only.";
    static final String INVITE = "Portal invitations are sent by ADMIN, or the SERVICE or ASSISTANT user who serves or assists "
            + "that customer.";
    static final String IMPORT = "Customers are imported by ADMIN; a SERVICE or ASSISTANT user imports only rows that name them as "
            + "service manager or assistant.";
    static final String ASSIGN = "Only ADMIN or the customer's service manager may change restricted, serviceManagerId, "
            + "assistantId or followerIds.";

    private RoleRules() {
    }

    /**
     * Why {@code caller} may not do {@code action} for {@code customer}, or empty when they may. A null customer
     * (not known, or not visible to the caller) is judged by roles alone: refused when no role of the caller
     * could do the action for any customer.
     */
    static Optional<String> refusal(Principal caller, CustomerAction action, Customer customer) {
        if (caller.kind() == PrincipalKind.SYSTEM || caller.hasRole(Role.ADMIN)) {
            return Optional.empty();
        }
        boolean finance = caller.hasRole(Role.FINANCE);
        boolean account = caller.hasAnyRole(Role.SERVICE, Role.ASSISTANT);
        return switch (action) {
            case BILL -> finance ? Optional.empty() : Optional.of(BILL);
            case PREPARE -> finance || (account && (customer == null || servesOrAssists(caller, customer)))
                    ? Optional.empty() : Optional.of(PREPARE);
            case INVITE -> account && (customer == null || servesOrAssists(caller, customer)) ? Optional.empty() : Optional.of(INVITE);
            case IMPORT -> account && (customer == null || servesOrAssists(caller, customer)) ? Optional.empty() : Optional.of(IMPORT);
            case ASSIGN -> account && (customer == null || caller.id().equals(customer.serviceManagerId()))
                    ? Optional.empty() : Optional.of(ASSIGN);
        };
    }

    /**
     * Whether a customer as it would be stored is visible to {@code caller} (the registry's restricted rule, without
     * modules' contributions, which a new customer has none of).
     */
    static boolean sees(Principal caller, Customer customer) {
        return !customer.restricted() || caller.kind() == PrincipalKind.SYSTEM || caller.hasAnyRole(Role.ADMIN, Role.FINANCE)
                || caller.id().equals(customer.serviceManagerId()) || caller.id().equals(customer.assistantId())
                || customer.followerIds().contains(caller.id());
    }

    /** Whether a patch from {@code before} to {@code after} changes who may see or serve the customer. */
    static boolean changesAssignment(Customer before, Customer after) {
        return before.restricted() != after.restricted()
                || !Objects.equals(before.serviceManagerId(), after.serviceManagerId())
                || !Objects.equals(before.assistantId(), after.assistantId())
                || !new java.util.HashSet<>(before.followerIds()).equals(new java.util.HashSet<>(after.followerIds()));
    }

    private static boolean servesOrAssists(Principal caller, Customer customer) {
        return caller.id().equals(customer.serviceManagerId()) || caller.id().equals(customer.assistantId());
    }
}
