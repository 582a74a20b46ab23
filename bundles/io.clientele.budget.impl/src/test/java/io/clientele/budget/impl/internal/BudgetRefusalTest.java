package io.clientele.budget.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.budget.api.BudgetService;
import io.clientele.budget.api.BudgetService.Refused;
import io.clientele.budget.api.BudgetService.Refused.Reason;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.money.Money;
import io.clientele.platform.testing.JpaUnitFixture;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The budget service refuses in its own terms ({@link BudgetService.Refused}), on the real unit over migrated Derby. */
class BudgetRefusalTest {

    private static final String A = "agency-a";

    private JpaUnitFixture db;
    private BudgetService service;

    @BeforeEach
    void unit() {
        db = JpaUnitFixture.derby("budget", BudgetStore.class, "db/clientele-budget.xml");
        CustomerDirectory everyoneVisible = stub(CustomerDirectory.class, (method, args) ->
                "find".equals(method) ? Optional.of(customer((String) args[0])) : null);
        service = new BudgetStore(db.database(), db.unit(), new BudgetModule(db.database()), everyoneVisible,
                stub(HistoryService.class, (m, a) -> null), stub(DomainEvents.class, (m, a) -> null));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aMissingBudgetIsRefusedNotFound() {
        Refused balance = assertThrows(Refused.class, () -> db.as(A, () -> service.balance("no-such-budget")));
        assertEquals(Reason.BUDGET_NOT_FOUND, balance.reason());
        assertEquals(Refusal.Kind.NOT_FOUND, balance.kind());
        assertEquals("Budget no-such-budget was not found.", balance.getMessage());
        Refused commit = assertThrows(Refused.class, () -> db.as(A, () -> service.commit("no-such-budget", Money.brl("1.00"), null, "x")));
        assertEquals(Reason.BUDGET_NOT_FOUND, commit.reason());
    }

    @Test
    void aMissingEntryIsRefusedNotFound() {
        Refused spend = assertThrows(Refused.class, () -> db.as(A, () -> service.spend("no-such-entry", null)));
        assertEquals(Reason.ENTRY_NOT_FOUND, spend.reason());
        assertEquals(Refusal.Kind.NOT_FOUND, spend.kind());
    }

    @Test
    void aBadAmountOrCurrencyIsRefusedNamingTheField() {
        String budgetId = budget();
        Refused negative = assertThrows(Refused.class, () -> db.as(A, () -> service.commit(budgetId, Money.brl("-5.00"), null, "x")));
        assertEquals(Reason.INVALID_INPUT, negative.reason());
        assertEquals(Refusal.Kind.INVALID, negative.kind());
        assertEquals(List.of("amount"), negative.fields().stream().map(Refusal.Field::field).toList());
        Refused dollars = assertThrows(Refused.class, () -> db.as(A, () ->
                service.commit(budgetId, Money.of("5.00", "USD"), null, "x")));
        assertEquals(List.of("currency"), dollars.fields().stream().map(Refusal.Field::field).toList());
    }

    @Test
    void aCommitmentSpentTwiceIsRefusedAlreadySpent() {
        String budgetId = budget();
        String commitmentId = db.as(A, () -> service.commit(budgetId, Money.brl("100.00"), "job-1", "Job: one").id());
        db.as(A, () -> service.spend(commitmentId, Money.brl("90.00")));
        assertEquals(Money.brl("910.00"), db.as(A, () -> service.remaining(budgetId)));
        Refused again = assertThrows(Refused.class, () -> db.as(A, () -> service.spend(commitmentId, null)));
        assertEquals(Reason.ALREADY_SPENT, again.reason());
        assertEquals(Refusal.Kind.CONFLICT, again.kind());
    }

    private String budget() {
        return db.as(A, () -> db.work().inTransaction(em -> {
            BudgetRecord b = new BudgetRecord(Jdbc.newId(), "customer-1",
                    new BudgetStore.Fields("Launch", Money.brl("1000.00"), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
                    Instant.now());
            em.persist(b);
            return b.id();
        }));
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T stub(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
            }
            return answer.answer(method.getName(), args);
        }));
    }

    /** A customer with only its id: every other component null, false or zero. */
    private static Customer customer(String id) {
        try {
            RecordComponent[] components = Customer.class.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = "id".equals(components[i].getName()) ? id
                        : types[i] == boolean.class ? false
                        : types[i] == int.class ? 0
                        : types[i] == long.class ? 0L
                        : types[i] == List.class ? List.of() : null;
            }
            Constructor<Customer> c = Customer.class.getDeclaredConstructor(types);
            return c.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
