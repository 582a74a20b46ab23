package io.clientele.monthlyfee.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.ContactDirectory;
import io.clientele.customer.api.Address;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.customer.api.LegalEntity;
import io.clientele.customer.api.LegalEntityDirectory;
import io.clientele.customer.api.PersonType;
import io.clientele.monthlyfee.api.BillingService;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.monthlyfee.api.NewPayment;
import io.clientele.platform.api.money.Money;
import io.clientele.monthlyfee.impl.internal.Fees.Estimate;
import io.clientele.monthlyfee.api.EstimateStatus;
import io.clientele.monthlyfee.impl.internal.Fees.Fee;
import io.clientele.monthlyfee.impl.internal.Fees.FeeEntry;
import io.clientele.monthlyfee.impl.internal.Fees.IssueRequest;
import io.clientele.monthlyfee.impl.internal.Fees.NewEstimate;
import io.clientele.monthlyfee.impl.internal.Fees.NewEstimateLine;
import io.clientele.monthlyfee.impl.internal.Fees.NewFee;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.impl.internal.history.HistoryStore;
import io.clientele.platform.impl.internal.mail.OutboxStore;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.platform.testing.PersistenceUnitTest;
import io.clientele.platform.testing.MailTemplatesFixture;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import io.clientele.platform.api.tenancy.Agency;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The monthly-fee module's persistence unit and its stores outside OSGi, on Derby migrated by the real changelogs (and
 * PostgreSQL when it answers): the mappings against the schema, tenancy, versions and 412s, one transaction with the
 * platform's history and outbox, gapless invoice numbers, and pages filled past restricted customers. The platform's
 * own history and outbox stores are the real ones; only the other modules' directories (customers, legal entities,
 * contacts) are stand-ins holding a few records.
 */
class MonthlyFeePersistenceTest extends PersistenceUnitTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";
    /** A clock with nanoseconds, which no database of the platform keeps. */
    private static final Letterheads LETTERHEADS = new Letterheads(id -> Optional.of(new Agency(id, id, "Agency " + id, Set.of(), Instant.EPOCH, "pt-BR")));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T10:15:30.123456789Z"), ZoneOffset.UTC);

    private Directory customers;
    private List<String> events;
    private FeeStore fees;
    private BillingStore billing;
    private EstimateStore estimates;

    MonthlyFeePersistenceTest() {
        super("monthly-fee", FeeStore.class, "db/clientele-monthly-fee.xml");
    }

    @Override
    protected void wire(JpaUnitFixture on) {
        customers = new Directory();
        events = Collections.synchronizedList(new ArrayList<>());
        DomainEvents published = (topic, properties) -> events.add(topic);
        HistoryStore history = new HistoryStore(on.database(), on.platformUnit());
        fees = new FeeStore(on.database(), on.unit(), customers, history, published, CLOCK);
        billing = new BillingStore(on.database(), on.unit(), fees, customers, new NoLegalEntities(), history, published, LETTERHEADS, CLOCK);
        estimates = new EstimateStore(on.database(), on.unit(), customers, new PrimaryContacts(), MailTemplatesFixture.templates(new OutboxStore(on.database(), on.platformUnit())), history, published,
                LETTERHEADS, CLOCK);
    }

    // ---- the unit

    @Override
    protected void worksOnPostgresql(JpaUnitFixture pg) {
        customers.add(A, "c1", true, false);
        Fee fee = pg.as(A, () -> fees.create(newFee("c1", "1500.25", "2026-01-01", "2026-03-31")));
        assertEquals(fee, pg.as(A, () -> fees.get(fee.id())), "what create answered is what PostgreSQL kept (micros)");
        Fee uploaded = pg.as(A, () -> fees.storeDocument(fee.id(), "application/pdf", pdf()));
        assertEquals(1, uploaded.version());
        assertEquals(PDF, new String(pg.as(A, () -> fees.document(fee.id())).content(), StandardCharsets.US_ASCII));
        List<String> entryIds = pg.as(A, () -> fees.entries(fee.id(), new PageRequest(50, null))).items().stream().map(FeeEntry::id).toList();
        assertEquals(3, entryIds.size());
        entryIds.forEach(id -> pg.as(A, () -> fees.approve(id, null, true)));
        InvoiceViews.InvoiceView invoice = pg.as(A, () -> billing.issue(new IssueRequest(entryIds, null))).items().get(0);
        assertEquals(1, invoice.number());
        assertEquals("4500.75", invoice.total());
        Invoice paid = pg.as(A, () -> billing.recordPayment(invoice.id(), new NewPayment(Money.brl("4500.75"), "PIX", null)));
        assertEquals(InvoiceStatus.PAID, paid.status());
        assertEquals(paid, pg.as(A, () -> billing.get(invoice.id())));
        assertTrue(pg.as(B, () -> billing.invoice(invoice.id())).isEmpty());
    }

    // ---- tenancy

    @Test
    void anAgencyNeverReadsNorChangesAnotherAgencysFeesEntriesInvoicesOrEstimates() {
        customers.add(A, "c1", true, false);
        Fee fee = db.as(A, () -> fees.create(newFee("c1", "100.00", "2026-01-01", "2026-02-28")));
        List<FeeEntry> entries = db.as(A, () -> fees.entries(fee.id(), new PageRequest(50, null))).items();
        entries.forEach(e -> db.as(A, () -> fees.approve(e.id(), null, true)));
        InvoiceViews.InvoiceView invoice = db.as(A, () -> billing.issue(new IssueRequest(List.of(entries.get(0).id()), null))).items().get(0);
        Estimate estimate = db.as(A, () -> estimates.create(newEstimate("c1")));
        assertEquals(A, db.column("SELECT agency_id FROM monthly_fee_fee WHERE id = ?", fee.id()),
                "the agency column is written from the request's agency");
        assertEquals(A, db.column("SELECT agency_id FROM monthly_fee_invoice_line WHERE id = ?", lineIdOf(invoice.id())), "child rows too");

        // agency B knows every id, and sees none of it
        customers.add(B, "c1", true, false); // even a customer of B with the same id does not open A's rows
        assertTrue(db.as(B, () -> fees.find(fee.id())).isEmpty());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(B, () -> fees.patch(fee.id(), null,
                Map.of("description", "mine")))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(B, () -> fees.storeDocument(fee.id(), "application/pdf",
                pdf()))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> db.as(B, () -> fees.approve(entries.get(1).id(), null, false)))
                .status());
        assertEquals(0, db.as(B, () -> fees.list(null, new PageRequest(50, null))).items().size());
        assertEquals(0, db.as(B, () -> fees.activeFeeIds()).size());
        assertEquals(0, db.as(B, () -> fees.reconcile(fee.id())));
        assertTrue(db.as(B, () -> billing.invoice(invoice.id())).isEmpty());
        assertEquals(BillingService.Refused.Reason.INVOICE_NOT_FOUND, assertThrows(BillingService.Refused.class,
                () -> db.as(B, () -> billing.recordPayment(invoice.id(), new NewPayment(Money.brl("1.00"), "PIX", null)))).reason());
        assertEquals(0, db.as(B, () -> billing.preBilling(null, null, new PageRequest(50, null))).items().size());
        assertEquals(400, assertThrows(ProblemException.class, () -> db.as(B, () -> billing.issue(new IssueRequest(
                List.of(entries.get(1).id()), null)))).status(), "A's entry is no entry for B");
        assertTrue(db.as(B, () -> estimates.find(estimate.id())).isEmpty());
        assertEquals(Integer.valueOf(0), db.as(B, () -> fees.work().inTransaction(em -> em.createQuery("UPDATE MonthlyFee f SET f.description = 'mine'")
                .executeUpdate())), "a bulk update");
        // and A's rows are as A left them
        assertEquals("Retainer", db.as(A, () -> fees.get(fee.id())).description());
        assertEquals(InvoiceStatus.OPEN, db.as(A, () -> billing.get(invoice.id())).status());
        assertEquals(1, db.as(A, () -> billing.preBilling(null, null, new PageRequest(50, null))).items().size());
    }

    // ---- versions

    @Test
    void versionsStartAtZeroAStaleIfMatchIs412AndAChangeBetweenReadAndWriteIs412() {
        customers.add(A, "c1", true, false);
        Fee fee = db.as(A, () -> fees.create(newFee("c1", "100.00", "2026-01-01", "2026-02-28")));
        assertEquals(0, fee.version());
        assertEquals(0, db.version("monthly_fee_fee", fee.id()));
        Fee patched = db.as(A, () -> fees.patch(fee.id(), 0L, Map.of("amount", "120.00")));
        assertEquals(1, patched.version());
        assertEquals(1, db.version("monthly_fee_fee", fee.id()));
        assertTrue(db.as(A, () -> fees.entries(fee.id(), new PageRequest(50, null))).items().stream()
                .allMatch(e -> e.amount().equals("120.00") && e.version() == 1), "unbilled entries follow the terms, one change each");

        ProblemException stale = assertThrows(ProblemException.class, () -> db.as(A, () -> fees.patch(fee.id(), 0L,
                Map.of("amount", "130.00"))));
        assertEquals(412, stale.status());
        // another request changes the fee after this one read it: the write over the old version is refused, and nothing
        // of this request stays (its entries' reconciliation included)
        ProblemException raced = assertThrows(ProblemException.class, () -> db.as(A, () -> fees.work().inTransaction(em -> {
            em.find(FeeRecord.class, fee.id()); // read by this request
            db.bumpVersion("monthly_fee_fee", fee.id()); // committed by another
            return fees.patch(fee.id(), null, Map.of("amount", "140.00"));
        })));
        assertEquals(412, raced.status());
        assertEquals(2, db.version("monthly_fee_fee", fee.id()));
        assertEquals("120.00", db.as(A, () -> fees.get(fee.id())).amount());
    }

    @Test
    void aStaleWriteThatOnlyTheEndOfTheWorkFlushesIs412Too() {
        customers.add(A, "c1", true, false);
        Fee fee = db.as(A, () -> fees.create(newFee("c1", "100.00", "2026-01-01", "2026-02-28")));
        ProblemException stale = assertThrows(ProblemException.class, () -> db.as(A, () -> fees.work().inTransaction(em -> {
            FeeRecord record = em.find(FeeRecord.class, fee.id());
            db.bumpVersion("monthly_fee_fee", fee.id());
            record.cancel(Instant.now()); // no flush here: written when the outermost work ends
            return null;
        })));
        assertEquals(412, stale.status(), "the provider's optimistic-lock failure at commit, recognised by its type");
        assertEquals("ACTIVE", db.as(A, () -> fees.get(fee.id())).status().name());
    }

    @Test
    void aContractUploadRacingAPatchIs412AndKeepsNeitherTheBytesNorTheMetadata() {
        customers.add(A, "c1", true, false);
        Fee fee = db.as(A, () -> fees.create(newFee("c1", "100.00", "2026-01-01", "2026-02-28")));
        ProblemException raced = assertThrows(ProblemException.class, () -> db.as(A, () -> fees.work().inTransaction(em -> {
            em.find(FeeRecord.class, fee.id()); // the upload has read the fee
            otherRequest(() -> fees.patch(fee.id(), null, Map.of("description", "Patched meanwhile")));
            return fees.storeDocument(fee.id(), "application/pdf", pdf());
        })));
        assertEquals(412, raced.status());
        Fee after = db.as(A, () -> fees.get(fee.id()));
        assertEquals("Patched meanwhile", after.description(), "the patch stands");
        assertNull(after.document(), "the upload left no metadata");
        assertEquals(0, db.count("SELECT COUNT(*) FROM monthly_fee_document WHERE id = ?", fee.id()), "nor bytes");

        Fee uploaded = db.as(A, () -> fees.storeDocument(fee.id(), "application/pdf", pdf()));
        assertEquals(after.version() + 1, uploaded.version(), "an upload is a change of the fee");
        assertEquals(412, assertThrows(ProblemException.class, () -> db.as(A, () -> fees.patch(fee.id(), after.version(),
                Map.of("description", "over the upload")))).status());
        assertEquals("application/pdf", db.as(A, () -> fees.document(fee.id())).document().contentType());
        assertEquals(new String(db.as(A, () -> fees.document(fee.id())).content(), StandardCharsets.US_ASCII), PDF);
    }

    @Test
    void anEntryApprovedMeanwhileIs409AsBeforeAndAStaleIfMatch412() {
        customers.add(A, "c1", true, false);
        Fee fee = db.as(A, () -> fees.create(newFee("c1", "100.00", "2026-01-01", "2026-01-31")));
        FeeEntry entry = db.as(A, () -> fees.entries(fee.id(), new PageRequest(50, null))).items().get(0);
        assertEquals(412, assertThrows(ProblemException.class, () -> db.as(A, () -> fees.approve(entry.id(), 3L, true))).status());
        ProblemException raced = assertThrows(ProblemException.class, () -> db.as(A, () -> fees.work().inTransaction(em -> {
            em.find(FeeEntryRecord.class, entry.id());
            db.bumpVersion("monthly_fee_entry", entry.id());
            return fees.approve(entry.id(), null, true);
        })));
        assertEquals(409, raced.status());
        FeeEntry approved = db.as(A, () -> fees.approve(entry.id(), 1L, true));
        assertTrue(approved.approvedByCustomer());
        assertEquals(2, approved.version());
        assertEquals("unit test", approved.approvedBy(), "the actor's name");
    }

    // ---- one transaction with the platform's JDBC writes

    @Test
    void aFailureAfterTheStoresJpaAndHistoryWritesLeavesNeither() {
        customers.add(A, "c1", true, false);
        List<String> created = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> db.as(A, () -> db.database().inTransaction(c -> {
            created.add(fees.create(newFee("c1", "100.00", "2026-01-01", "2026-03-31")).id()); // fee, entries (JPA), history (JDBC)
            assertEquals(1, Jdbc.count(c, "SELECT COUNT(*) FROM platform_history WHERE entity_id = ?", created.get(0)), "written, same connection");
            throw new IllegalStateException("fails after both writes");
        })));
        String id = created.get(0);
        assertEquals(0, db.count("SELECT COUNT(*) FROM monthly_fee_fee WHERE id = ?", id), "the fee rolled back");
        assertEquals(0, db.count("SELECT COUNT(*) FROM monthly_fee_entry WHERE fee_id = ?", id), "its entries too");
        assertEquals(0, db.count("SELECT COUNT(*) FROM platform_history WHERE entity_id = ?", id), "and the history row");
        assertTrue(db.as(A, () -> fees.find(id)).isEmpty(), "no cache kept it");
    }

    @Test
    void anEstimateSentInATransactionThatFailsAfterwardsLeavesNoMailAndStaysADraft() {
        customers.add(A, "c1", true, false);
        Estimate estimate = db.as(A, () -> estimates.create(newEstimate("c1")));
        assertThrows(IllegalStateException.class, () -> db.as(A, () -> db.database().inTransaction(c -> {
            assertEquals(EstimateStatus.SENT, estimates.send(estimate.id()).status()); // outbox row (JDBC), then the estimate (JPA)
            assertEquals(1, Jdbc.count(c, "SELECT COUNT(*) FROM platform_outbox WHERE subject = ?", "Orçamento: Website"));
            throw new IllegalStateException("fails after both writes");
        })));
        assertEquals(0, db.count("SELECT COUNT(*) FROM platform_outbox WHERE subject = ?", "Orçamento: Website"), "no mail queued");
        assertEquals(0, db.count("SELECT COUNT(*) FROM platform_history WHERE entity_id = ? AND action = 'SENT'", estimate.id()));
        assertEquals(EstimateStatus.DRAFT, db.as(A, () -> estimates.get(estimate.id())).status());
        Estimate sent = db.as(A, () -> estimates.send(estimate.id()));
        assertEquals(EstimateStatus.SENT, sent.status());
        assertEquals(1, sent.version(), "the row lock leaves the version, the change adds one");
        assertEquals(1, db.count("SELECT COUNT(*) FROM platform_outbox WHERE subject = ?", "Orçamento: Website"));
        assertEquals(sent, db.as(A, () -> estimates.get(estimate.id())));
        assertEquals(EstimateStatus.ACCEPTED, db.as(A, () -> estimates.decide(estimate.id(), EstimateStatus.ACCEPTED)).status());
        assertEquals(409, assertThrows(ProblemException.class, () -> db.as(A, () -> estimates.send(estimate.id()))).status());
    }

    @Test
    void aContactAnswersASentEstimateOnceAndTheDecisionIsKeptWithWhoAndWhen() throws Exception {
        customers.add(A, "c1", true, false);
        Estimate draft = db.as(A, () -> estimates.create(newEstimate("c1")));
        String contactId = "0b7b9c5e-3f7e-4a57-9a4e-6d4f1c2b8a10";
        BillingService.Refused notSent = assertThrows(BillingService.Refused.class,
                () -> db.as(A, () -> estimates.decide(draft.id(), EstimateStatus.ACCEPTED, contactId, "Ana", null)));
        assertEquals(BillingService.Refused.Reason.ESTIMATE_NOT_SENT, notSent.reason(), "a DRAFT cannot be answered");
        db.as(A, () -> estimates.send(draft.id()));
        BillingService.Refused invalid = assertThrows(BillingService.Refused.class,
                () -> db.as(A, () -> estimates.decide(draft.id(), EstimateStatus.SENT, contactId, "Ana", "x".repeat(2001))));
        assertEquals(List.of("decision", "comment"), invalid.fields().stream().map(f -> f.field()).toList());
        assertEquals(BillingService.Refused.Reason.ESTIMATE_NOT_FOUND, assertThrows(BillingService.Refused.class,
                () -> db.as(B, () -> estimates.decide(draft.id(), EstimateStatus.ACCEPTED, contactId, "Ana", null))).reason(),
                "another agency's estimate is not found");

        io.clientele.monthlyfee.api.Estimate accepted = db.as(A,
                () -> estimates.decide(draft.id(), EstimateStatus.ACCEPTED, contactId, " Ana Souza ", "  Pode começar  "));
        assertEquals(EstimateStatus.ACCEPTED, accepted.status());
        assertEquals(new io.clientele.monthlyfee.api.Estimate.Decision(EstimateStatus.ACCEPTED, CLOCK.instant().truncatedTo(ChronoUnit.MICROS),
                contactId, "Ana Souza", null, "Pode começar"), accepted.decision());
        Estimate read = db.as(A, () -> estimates.get(draft.id()));
        assertEquals("Ana Souza", read.decidedByContactName());
        assertEquals(contactId, read.decidedByContactId());
        assertEquals("Pode começar", read.decisionComment());
        assertEquals(accepted, db.as(A, () -> estimates.estimate(draft.id())).orElseThrow());
        assertEquals(List.of(accepted), db.as(A, () -> estimates.estimatesOf("c1")));
        assertEquals(BillingService.Refused.Reason.ESTIMATE_NOT_SENT, assertThrows(BillingService.Refused.class,
                () -> db.as(A, () -> estimates.decide(draft.id(), EstimateStatus.DECLINED, contactId, "Ana", null))).reason(),
                "a second decision is refused");
        assertEquals(1, db.count("SELECT COUNT(*) FROM platform_history WHERE entity_id = ? AND action = 'ACCEPTED'", draft.id()));
        assertEquals(1, db.count("SELECT COUNT(*) FROM platform_history h WHERE h.entity_id = ? AND h.changes LIKE ?", draft.id(),
                "%Ana Souza%"), "the history names the contact");
        String text = BillingPdfTest.text(db.as(A, () -> estimates.estimatePdf(draft.id())).orElseThrow().content());
        assertTrue(text.contains("Aceito por Ana Souza em 10/03/2026"), text);
        assertTrue(db.as(B, () -> estimates.estimatePdf(draft.id())).isEmpty());
    }

    // ---- invoices

    @Test
    void invoiceNumbersStayGaplessThroughRefusalsRollbacksAndConcurrentIssues() throws Exception {
        customers.add(A, "c1", true, false);
        customers.add(A, "no-address", false, false);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Fee fee = db.as(A, () -> fees.create(newFee("c1", "10.00", "2026-01-01", "2026-01-31")));
            entries.add(approvedEntries(fee).get(0));
        }
        String unbillable = approvedEntries(db.as(A, () -> fees.create(newFee("no-address", "10.00", "2026-01-01", "2026-01-31")))).get(0);
        assertEquals(400, assertThrows(ProblemException.class, () -> db.as(A, () -> billing.issue(new IssueRequest(List.of(unbillable),
                null)))).status());
        assertEquals(1, issue(entries.get(0)).number(), "the refused issue used no number");
        // an issue whose transaction fails after it took its number gives the number back
        assertThrows(IllegalStateException.class, () -> db.as(A, () -> db.database().inTransaction(c -> {
            assertEquals(2, billing.issue(new IssueRequest(List.of(entries.get(1)), null)).items().get(0).number());
            throw new IllegalStateException("the caller fails after the issue");
        })));
        assertEquals("OPEN", db.as(A, () -> fees.getEntry(entries.get(1))).status().name());
        assertEquals(2, issue(entries.get(1)).number());
        // six concurrent issues, two of them for the same entry
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Object>> work = new ArrayList<>();
            for (String id : List.of(entries.get(2), entries.get(3), entries.get(4), entries.get(5), entries.get(6), entries.get(6))) {
                work.add(() -> {
                    try {
                        return issue(id).number();
                    } catch (ProblemException e) {
                        return e.status();
                    }
                });
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : pool.invokeAll(work)) {
                results.add(f.get());
            }
            assertEquals(1, Collections.frequency(results, 409), "the contested entry is billed once: " + results);
        } finally {
            pool.shutdownNow();
        }
        List<Long> numbers = new ArrayList<>(db.as(A, () -> billing.list(null, null, new PageRequest(500, null))).items().stream()
                .map(Invoice::number).toList());
        Collections.sort(numbers);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), numbers);
    }

    @Test
    void paymentsAndCancellationKeepTheInvoicesVersionSteps() {
        customers.add(A, "c1", true, false);
        List<String> entries = approvedEntries(db.as(A, () -> fees.create(newFee("c1", "300.00", "2026-01-01", "2026-02-28"))));
        InvoiceViews.InvoiceView invoice = issue(entries.get(0));
        assertEquals(0, invoice.version());
        Invoice partial = db.as(A, () -> billing.recordPayment(invoice.id(), new NewPayment(Money.brl("100.00"), "PIX",
                Instant.parse("2026-02-10T12:00:00.123456789Z"))));
        assertEquals(2, partial.version(), "the row lock adds one, the change another, as the JDBC store did");
        assertEquals(Money.brl("100.00"), partial.paid());
        assertEquals(Money.brl("200.00"), partial.balance());
        assertEquals(Instant.parse("2026-02-10T12:00:00.123456Z"), partial.payments().get(0).paidAt());
        assertEquals(partial, db.as(A, () -> billing.get(invoice.id())), "what was answered is what is stored");
        BillingService.Refused over = assertThrows(BillingService.Refused.class, () -> db.as(A, () -> billing.recordPayment(invoice.id(),
                new NewPayment(Money.brl("200.01"), "PIX", null))));
        assertEquals(BillingService.Refused.Reason.OVERPAYMENT, over.reason());
        assertEquals(Refusal.Kind.INVALID, over.kind());
        assertEquals(List.of(new Refusal.Field("amount", "exceeds the invoice's balance of 200.00 BRL")), over.fields());
        BillingService.Refused dollars = assertThrows(BillingService.Refused.class, () -> db.as(A, () ->
                billing.recordPayment(invoice.id(), new NewPayment(Money.of("1.00", "USD"), "PIX", null))));
        assertEquals(BillingService.Refused.Reason.WRONG_CURRENCY, dollars.reason());
        assertEquals(List.of("amount"), dollars.fields().stream().map(Refusal.Field::field).toList());
        BillingService.Refused noMethod = assertThrows(BillingService.Refused.class, () -> db.as(A, () ->
                billing.recordPayment(invoice.id(), new NewPayment(Money.brl("-1.00"), " ", null))));
        assertEquals(BillingService.Refused.Reason.INVALID_PAYMENT, noMethod.reason());
        assertEquals(List.of("amount", "method"), noMethod.fields().stream().map(Refusal.Field::field).toList());
        assertEquals(BillingService.Refused.Reason.NO_PAYMENT, assertThrows(BillingService.Refused.class,
                () -> db.as(A, () -> billing.recordPayment(invoice.id(), null))).reason());
        Invoice paid = db.as(A, () -> billing.recordPayment(invoice.id(), new NewPayment(Money.brl("200.00"), "BOLETO", null)));
        assertEquals(InvoiceStatus.PAID, paid.status());
        assertEquals(4, paid.version());
        assertEquals(2, paid.payments().size());
        assertEquals(409, assertThrows(ProblemException.class, () -> db.as(A, () -> billing.cancel(invoice.id()))).status());

        InvoiceViews.InvoiceView second = issue(entries.get(1));
        Invoice cancelled = db.as(A, () -> billing.cancel(second.id()));
        assertEquals(InvoiceStatus.CANCELLED, cancelled.status());
        BillingService.Refused toCancelled = assertThrows(BillingService.Refused.class, () -> db.as(A, () ->
                billing.recordPayment(second.id(), new NewPayment(Money.brl("1.00"), "PIX", null))));
        assertEquals(BillingService.Refused.Reason.INVOICE_CANCELLED, toCancelled.reason());
        assertEquals(Refusal.Kind.CONFLICT, toCancelled.kind());
        assertEquals(2, cancelled.version());
        assertEquals(Money.brl("0.00"), cancelled.balance());
        FeeEntry back = db.as(A, () -> fees.getEntry(entries.get(1)));
        assertEquals("OPEN", back.status().name());
        assertNull(back.invoiceId());
        assertEquals(List.of(entries.get(1)), db.as(A, () -> billing.preBilling(null, null, new PageRequest(50, null))).items().stream()
                .map(Fees.PreBillingItem::entryId).toList());
        assertEquals(3, issue(entries.get(1)).number());
    }

    // ---- lists past restricted customers

    @Test
    void listsFillTheirPagesPastCustomersTheCallerMayNotSee() {
        customers.add(A, "visible", true, false);
        customers.add(A, "hidden", true, false);
        List<String> visibleFees = new ArrayList<>();
        List<String> visibleEntries = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            boolean visible = i % 3 == 2; // two hidden fees before each visible one
            Fee fee = db.as(A, () -> fees.create(newFee(visible ? "visible" : "hidden", "10.00", "2026-01-01", "2026-01-31")));
            List<String> entries = approvedEntries(fee);
            issue(entries.get(0));
            if (visible) {
                visibleFees.add(fee.id());
                visibleEntries.add(entries.get(0));
            }
            db.as(A, () -> estimates.create(newEstimate(visible ? "visible" : "hidden")));
        }
        customers.hide(A, "hidden");
        List<String> listed = walk(cursor -> db.as(A, () -> fees.list(null, new PageRequest(2, cursor))), Fee::id);
        assertEquals(3, listed.size());
        assertEquals(Set.copyOf(visibleFees), Set.copyOf(listed)); // one creation instant (a fixed clock): ordered by id
        assertEquals(3, walk(cursor -> db.as(A, () -> estimates.list(null, new PageRequest(2, cursor))), Estimate::id).size());
        List<String> invoices = walk(cursor -> db.as(A, () -> billing.list(null, null, new PageRequest(2, cursor))), Invoice::id);
        assertEquals(3, invoices.size());
        assertEquals(List.of(9L, 6L, 3L), invoices.stream().map(id -> db.as(A, () -> billing.get(id)).number()).toList());
        // the visible fees' invoices, cancelled: their entries are the only visible ones back in pre-billing
        for (int i = 0; i < 9; i++) {
            String entryId = entryOfInvoiceNumber(i + 1);
            db.as(A, () -> db.database().inTransaction(c -> Jdbc.update(c,
                    "UPDATE monthly_fee_entry SET status = 'OPEN', invoice_id = NULL WHERE id = ?", entryId)));
        }
        List<String> preBilling = walk(cursor -> db.as(A, () -> billing.preBilling(null, null, new PageRequest(2, cursor))),
                Fees.PreBillingItem::entryId);
        assertEquals(Set.copyOf(visibleEntries), Set.copyOf(preBilling));
        assertEquals(3, preBilling.size());
    }

    /** Every item of a list, page after page; each page but the last is full. */
    private static <T> List<String> walk(java.util.function.Function<String, Page<T>> page, java.util.function.Function<T, String> id) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> p = page.apply(cursor);
            if (p.nextCursor() != null) {
                assertEquals(2, p.items().size(), "a page before the last one is full");
            }
            p.items().forEach(item -> all.add(id.apply(item)));
            cursor = p.nextCursor();
        } while (cursor != null);
        return all;
    }

    // ---- timestamps

    @Test
    void timestampsAreAnsweredAsTheDatabaseKeepsThem() {
        customers.add(A, "c1", true, false);
        Fee fee = db.as(A, () -> fees.create(newFee("c1", "10.00", "2026-01-01", "2026-01-31")));
        assertEquals(Instant.parse("2026-03-10T10:15:30.123456Z"), fee.createdAt(), "microseconds, like PostgreSQL");
        assertEquals(fee, db.as(A, () -> fees.get(fee.id())));
        Estimate estimate = db.as(A, () -> estimates.create(newEstimate("c1")));
        assertEquals(estimate, db.as(A, () -> estimates.get(estimate.id())));
        // a keyset cursor made from an answered timestamp finds the row it was made from
        Fee second = db.as(A, () -> fees.create(newFee("c1", "10.00", "2026-01-01", "2026-01-31")));
        Page<Fee> first = db.as(A, () -> fees.list(null, new PageRequest(1, null)));
        Page<Fee> next = db.as(A, () -> fees.list(null, new PageRequest(1, first.nextCursor())));
        assertEquals(Set.of(fee.id(), second.id()), Set.of(first.items().get(0).id(), next.items().get(0).id()));
    }

    // ---- helpers

    private static final String PDF = "%PDF-1.4\n% signed\n%%EOF\n";

    private static Jdbc.BinaryStream pdf() {
        byte[] bytes = PDF.getBytes(StandardCharsets.US_ASCII);
        return new Jdbc.BinaryStream(new ByteArrayInputStream(bytes), bytes.length);
    }

    private static NewFee newFee(String customerId, String amount, String start, String end) {
        return new NewFee(customerId, "Retainer", amount, "BRL", LocalDate.parse(start), end == null ? null : LocalDate.parse(end), 10,
                "BOLETO", "The agency serves, the customer pays.");
    }

    private static NewEstimate newEstimate(String customerId) {
        return new NewEstimate(customerId, "Website", null, List.of(new NewEstimateLine("Design", new BigDecimal("2"), "1500.00"),
                new NewEstimateLine("Hosting", new BigDecimal("1.5"), "99.99")));
    }

    private List<String> approvedEntries(Fee fee) {
        List<String> ids = new ArrayList<>();
        for (FeeEntry e : db.as(A, () -> fees.entries(fee.id(), new PageRequest(50, null))).items()) {
            db.as(A, () -> fees.approve(e.id(), null, true));
            ids.add(e.id());
        }
        return ids;
    }

    private InvoiceViews.InvoiceView issue(String entryId) {
        return db.as(A, () -> billing.issue(new IssueRequest(List.of(entryId), null))).items().get(0);
    }

    private String entryOfInvoiceNumber(long number) {
        return db.database().inTransaction(c -> Jdbc.queryOne(c, "SELECT l.entry_id FROM monthly_fee_invoice_line l JOIN monthly_fee_invoice i"
                + " ON i.id = l.invoice_id WHERE i.invoice_number = ?", rs -> rs.getString(1), number).orElseThrow());
    }

    private String lineIdOf(String invoiceId) {
        return db.database().inTransaction(c -> Jdbc.queryOne(c, "SELECT id FROM monthly_fee_invoice_line WHERE invoice_id = ?",
                rs -> rs.getString(1), invoiceId).orElseThrow());
    }

    /** Runs {@code work} as agency A on another thread, as another request would, and waits for it to commit. */
    private <T> T otherRequest(java.util.function.Supplier<T> work) {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            return other.submit(() -> db.as(A, work)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            other.shutdownNow();
        }
    }

    /** The other modules' directories as the stores see them: a few customers per agency, some of them hidden from the caller. */
    private static final class Directory implements CustomerDirectory {

        private final Map<String, Customer> byAgencyAndId = new ConcurrentHashMap<>();
        private final Set<String> hidden = ConcurrentHashMap.newKeySet();

        void add(String agency, String id, boolean withAddress, boolean archived) {
            Address address = withAddress ? new Address("01001-000", "Praça da Sé", "1", null, "Sé", "São Paulo", "SP", "BR") : null;
            byAgencyAndId.put(agency + "/" + id, new Customer(id, "Customer " + id, null, PersonType.COMPANY, null, null, null, null, null,
                    null, null, null, null, null, null, List.of(), null, null, false, false, false, false, false, address, null, List.of(),
                    null, 0, Instant.EPOCH, Instant.EPOCH, archived));
        }

        void hide(String agency, String id) {
            hidden.add(agency + "/" + id);
        }

        @Override
        public Optional<Customer> find(String customerId) {
            String key = io.clientele.platform.api.RequestContext.agencyId() + "/" + customerId;
            return hidden.contains(key) ? Optional.empty() : Optional.ofNullable(byAgencyAndId.get(key));
        }
    }

    /** No customer has legal entities of its own here: invoices bill the customer. */
    private static final class NoLegalEntities implements LegalEntityDirectory {
        @Override
        public Optional<LegalEntity> find(String legalEntityId) {
            return Optional.empty();
        }

        @Override
        public List<LegalEntity> ofCustomer(String customerId) {
            return List.of();
        }
    }

    /** Every customer has one primary contact with an e-mail address. */
    private static final class PrimaryContacts implements ContactDirectory {
        @Override
        public Optional<Contact> find(String contactId) {
            return Optional.empty();
        }

        @Override
        public List<Contact> ofCustomer(String customerId) {
            return List.of(new Contact("contact-" + customerId, customerId, "Maria", "maria@example.test", null, null, true, null, false,
                    null, 0L, Instant.EPOCH, Instant.EPOCH));
        }
    }
}
