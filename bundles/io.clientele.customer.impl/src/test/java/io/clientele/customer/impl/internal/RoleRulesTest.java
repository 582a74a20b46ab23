package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerAction;
import io.clientele.customer.api.PersonType;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.Role;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleRulesTest {

    private static Principal user(String id, Role... roles) {
        return new Principal(PrincipalKind.STAFF, id, id, "agency", "acme", Set.of(roles), null);
    }

    private static Customer customer(boolean restricted, String serviceManagerId, String assistantId, List<String> followers) {
        return new Customer("c1", "Acme", "Acme Ltd", PersonType.COMPANY, null, null, null, null, null, null, null, null, null,
                serviceManagerId, assistantId, followers, null, null, restricted, false, false, false, false, null, null, List.of(),
                null, 0, Instant.EPOCH, Instant.EPOCH, false);
    }

    private static boolean may(Principal p, CustomerAction a, Customer c) {
        return RoleRules.refusal(p, a, c).isEmpty();
    }

    private static final Customer SAMS = customer(false, "sam", "ann", List.of("cole"));

    @Test
    void adminAndTheSystemMayEverything() {
        for (CustomerAction a : CustomerAction.values()) {
            assertTrue(may(user("root", Role.ADMIN), a, SAMS), a.name());
            assertTrue(may(Principal.system("agency", "acme", "scheduler"), a, SAMS), a.name());
        }
    }

    @Test
    void financeDoesMoneyForEveryCustomerButNotInvitationsImportsOrAssignments() {
        Principal fiona = user("fiona", Role.FINANCE);
        assertTrue(may(fiona, CustomerAction.BILL, SAMS));
        assertTrue(may(fiona, CustomerAction.PREPARE, SAMS));
        assertFalse(may(fiona, CustomerAction.INVITE, SAMS));
        assertFalse(may(fiona, CustomerAction.IMPORT, null));
        assertFalse(may(fiona, CustomerAction.ASSIGN, SAMS));
    }

    @Test
    void serviceAndAssistantPrepareAndInviteForTheirCustomersOnlyAndNeverBill() {
        Principal sam = user("sam", Role.SERVICE);
        Principal ann = user("ann", Role.ASSISTANT);
        Principal otto = user("otto", Role.SERVICE);
        for (Principal p : List.of(sam, ann)) {
            assertTrue(may(p, CustomerAction.PREPARE, SAMS));
            assertTrue(may(p, CustomerAction.INVITE, SAMS));
            assertTrue(may(p, CustomerAction.IMPORT, SAMS));
            assertFalse(may(p, CustomerAction.BILL, SAMS));
        }
        assertFalse(may(otto, CustomerAction.PREPARE, SAMS));
        assertFalse(may(otto, CustomerAction.INVITE, SAMS));
        assertFalse(may(otto, CustomerAction.IMPORT, SAMS));
        assertTrue(may(sam, CustomerAction.ASSIGN, SAMS));
        assertFalse(may(ann, CustomerAction.ASSIGN, SAMS), "the assistant does not reassign");
        assertFalse(may(otto, CustomerAction.ASSIGN, SAMS));
        assertEquals(RoleRules.BILL, RoleRules.refusal(sam, CustomerAction.BILL, SAMS).orElseThrow());
    }

    @Test
    void followingOrBeingNamedWithoutAnAccountRoleGivesNoRights() {
        Principal cole = user("cole", Role.COLLABORATOR);
        for (CustomerAction a : CustomerAction.values()) {
            assertFalse(may(cole, a, SAMS), a.name());
            assertFalse(may(cole, a, null), a.name());
        }
        Customer namedCollaborator = customer(false, "cole", "cole", List.of());
        assertFalse(may(cole, CustomerAction.PREPARE, namedCollaborator));
        assertFalse(may(cole, CustomerAction.ASSIGN, namedCollaborator));
    }

    @Test
    void anUnseenCustomerIsJudgedByRolesAlone() {
        assertTrue(may(user("otto", Role.SERVICE), CustomerAction.PREPARE, null));
        assertFalse(may(user("otto", Role.SERVICE), CustomerAction.BILL, null));
    }

    @Test
    void aRestrictedCustomerIsSeenOnlyByThoseItNamesAndAdminAndFinance() {
        Customer secret = customer(true, "sam", null, List.of("cole"));
        assertTrue(RoleRules.sees(user("sam", Role.SERVICE), secret));
        assertTrue(RoleRules.sees(user("cole", Role.COLLABORATOR), secret));
        assertTrue(RoleRules.sees(user("fiona", Role.FINANCE), secret));
        assertFalse(RoleRules.sees(user("otto", Role.SERVICE), secret));
        assertTrue(RoleRules.sees(user("otto", Role.SERVICE), customer(false, null, null, List.of())));
    }

    @Test
    void onlyChangesOfTheFourFieldsCountAsReassignment() {
        assertFalse(RoleRules.changesAssignment(SAMS, customer(false, "sam", "ann", List.of("cole"))));
        assertTrue(RoleRules.changesAssignment(SAMS, customer(true, "sam", "ann", List.of("cole"))));
        assertTrue(RoleRules.changesAssignment(SAMS, customer(false, "otto", "ann", List.of("cole"))));
        assertTrue(RoleRules.changesAssignment(SAMS, customer(false, "sam", null, List.of("cole"))));
        assertTrue(RoleRules.changesAssignment(SAMS, customer(false, "sam", "ann", List.of())));
    }
}
