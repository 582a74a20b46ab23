package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerEvents;
import io.clientele.customer.api.CustomerVisibilityContributor;
import io.clientele.customer.api.PersonType;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.history.HistoryEntry;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.testing.JpaUnitFixture;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer registry's store on its persistence unit, wired as the runtime wires it ({@link RegistryStores}): what a
 * create, a patch and an archive write and answer, their history, events and search words, versions and 412s, and the
 * restricted-customer rule on one customer's reads and writes.
 */
class CustomerStoreTest {

    private static final String A = "agency-a";

    private JpaUnitFixture db;
    private RegistryStores stores;

    @BeforeEach
    void unit() {
        db = JpaUnitFixture.derby("customer", CustomerStore.class, "db/clientele-customer.xml");
        stores = new RegistryStores(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aCreateAnswersTheCustomerAsStoredAndAPatchChangesItsWordsVersionAndHistory() {
        Customer created = db.as(A, () -> stores.customers.create(customer("Padaria Central", new BigDecimal("12.5"))));
        assertEquals(0, created.version());
        assertEquals(new BigDecimal("12.50"), created.complementary().discountPercent(), "as the DECIMAL(5,2) column keeps it");
        assertEquals(created, db.as(A, () -> stores.customers.get(created.id())), "the answer is what a read gives");
        assertEquals(1, words(created.id(), "padaria"));

        Customer patched = db.as(A, () -> stores.customers.patch(created.id(), 0L,
                Map.of("name", "Confeitaria Central", "companyName", "Confeitaria Central Ltda")));
        assertEquals(1, patched.version());
        assertEquals(patched, db.as(A, () -> stores.customers.get(created.id())));
        assertEquals(0, words(created.id(), "padaria"), "the old name's word is gone from the index");
        assertEquals(1, words(created.id(), "confeitaria"));
        List<HistoryEntry> history = db.as(A, () -> stores.customers.history(created.id(), 10, null)).items();
        assertEquals(List.of("UPDATED", "CREATED"), history.stream().map(HistoryEntry::action).toList());
        assertTrue(history.get(0).changes().stream().anyMatch(c -> c.field().equals("name") && "Confeitaria Central".equals(c.to())));
        assertEquals(List.of(CustomerEvents.CUSTOMER_CREATED, CustomerEvents.CUSTOMER_UPDATED), stores.posted);

        ProblemException stale = assertThrows(ProblemException.class,
                () -> db.as(A, () -> stores.customers.patch(created.id(), 0L, Map.of("name", "Late"))));
        assertEquals(412, stale.status());
        assertEquals("Confeitaria Central", db.as(A, () -> stores.customers.get(created.id())).name(), "the stale patch wrote nothing");

        db.as(A, () -> {
            stores.customers.archive(created.id(), 1L);
            return null;
        });
        Customer archived = db.as(A, () -> stores.customers.get(created.id()));
        assertTrue(archived.archived());
        assertEquals(2, archived.version());
    }

    @Test
    void anInvalidPatchIsRefusedNamingTheFieldAndChangesNothing() {
        Customer created = db.as(A, () -> stores.customers.create(customer("Gráfica Sul", null)));
        ProblemException bad = assertThrows(ProblemException.class,
                () -> db.as(A, () -> stores.customers.patch(created.id(), null, Map.of("email", "not-an-address"))));
        assertEquals(400, bad.status());
        assertEquals(List.of("email"), bad.errors().stream().map(e -> e.field()).toList());
        assertEquals(created, db.as(A, () -> stores.customers.get(created.id())));
    }

    @Test
    void aRestrictedCustomerIsMissingForStaffWhoDoNotServeItUnlessAModuleOpensItToThem() {
        Customer hidden = db.as(A, () -> stores.customers.create(restricted(customer("Cliente Sigiloso", null))));
        assertTrue(db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.customers.find(hidden.id()))).isEmpty());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(A, () -> staff("u1", Role.SERVICE,
                () -> stores.customers.patch(hidden.id(), null, Map.of("name", "Mine"))))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(A, () -> staff("u1", Role.SERVICE, () -> {
            stores.customers.archive(hidden.id(), null);
            return null;
        }))).status());
        assertEquals("Cliente Sigiloso", db.as(A, () -> staff("u2", Role.FINANCE, () -> stores.customers.get(hidden.id()))).name(),
                "finance sees every customer");

        CustomerVisibilityContributor jobs = userId -> "u1".equals(userId) ? Set.of(hidden.id()) : Set.of();
        stores.customers.addContributor(jobs);
        assertEquals(hidden.id(), db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.customers.get(hidden.id()))).id(),
                "a module's contributor opens it to the user it names");
        assertTrue(db.as(A, () -> staff("u3", Role.SERVICE, () -> stores.customers.find(hidden.id()))).isEmpty());
        stores.customers.removeContributor(jobs);
        assertTrue(db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.customers.find(hidden.id()))).isEmpty());
        assertTrue(db.as("agency-b", () -> stores.customers.find(hidden.id())).isEmpty(), "another agency never sees it");
    }

    private long words(String customerId, String term) {
        return stores.count("SELECT COUNT(*) FROM customer_search_term WHERE customer_id = ? AND term = '" + term + "'", customerId);
    }

    private static Customer customer(String name, BigDecimal discount) {
        return new Customer(null, name, name + " Ltda", PersonType.COMPANY, null, null, null, null, null, null, null, null, null, null, null,
                List.of(), null, null, false, false, false, false, false, null,
                new io.clientele.customer.api.Complementary(null, null, null, discount, null, null, null, List.of()),
                List.of(), null, 0, null, null, false);
    }

    private static Customer restricted(Customer c) {
        return new Customer(c.id(), c.name(), c.companyName(), c.personType(), c.documentNumber(), c.email(), c.phone(), c.website(),
                c.segmentId(), c.statusId(), c.attractionChannelId(), c.sectorId(), c.responsibleManagerId(), c.serviceManagerId(),
                c.assistantId(), c.followerIds(), c.groupId(), c.projectTemplateId(), true, c.supplier(), c.receivePromotionalEmails(),
                c.publishDigitalMedia(), c.portalAccess(), c.address(), c.complementary(), c.invoiceTypeIds(), c.profile(), c.version(),
                c.createdAt(), c.updatedAt(), c.archived());
    }

    /** Runs {@code work} as staff user {@code userId} of the current agency with {@code role}. */
    private static <T> T staff(String userId, Role role, Supplier<T> work) {
        Principal caller = RequestContext.principal();
        return RequestContext.runAs(new Principal(PrincipalKind.STAFF, userId, "User " + userId, caller.agencyId(), caller.agencySlug(),
                Set.of(role), null), work);
    }
}
