package io.clientele.itests.process;

import static io.clientele.itests.process.RunningDistribution.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

/**
 * quality.md R4 for billing, with a real {@code kill -9}: an invoice run over 480 approved fee entries (20 customers ×
 * 24 months, one {@code POST /pre-billing/invoices} per month issuing 20 invoices) is killed while one of its requests is
 * being processed. After the restart the books must be whole — invoice numbers 1…n without a gap or a repeat, every
 * entry either billed on an invoice that lists it or still open, no invoice without its entries — and running the
 * pre-billing again (the interrupted request retried with its {@code Idempotency-Key}, then whatever pre-billing still
 * lists) bills the rest exactly once, numbered on from n.
 */
public class InvoiceRunCrashIT {

    private static final String AGENCY = "crash-billing";
    private static final int CUSTOMERS = 20;
    private static final int MONTHS = 24; // 2025-01 … 2026-12

    @Test
    public void anInvoiceRunKilledMidwayLeavesWholeBooksAndBillsTheRestOnceWhenRunAgain() throws Exception {
        try (RunningDistribution platform = RunningDistribution.unpack()) {
            platform.start();
            platform.awaitUp(Duration.ofMinutes(3));
            String admin = platform.createAgency(AGENCY, "monthly-fee");

            // 20 customers with a complete address, each with a fee of 24 months, every entry approved by the customer
            Map<String, List<String>> entriesByMonth = new TreeMap<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                String customerId = expect(201, platform.json("POST", "/v1/customers", admin, Map.of("name", "Billed " + i,
                        "companyName", "Billed " + i + " Ltda", "address", Map.of("postalCode", "01001-000", "street", "Praça da Sé",
                                "number", Integer.toString(i + 1), "city", "São Paulo", "state", "SP", "country", "BR")))).path("id").asText();
                Map<String, Object> fee = new LinkedHashMap<>();
                fee.put("customerId", customerId);
                fee.put("description", "Retainer " + i);
                fee.put("amount", (1000 + i) + ".00");
                fee.put("currency", "BRL");
                fee.put("startDate", "2025-01-01");
                fee.put("endDate", "2026-12-31");
                fee.put("paymentDay", 10);
                fee.put("paymentMethod", "BOLETO");
                String feeId = expect(201, platform.json("POST", "/v1/monthly-fees", admin, fee)).path("id").asText();
                List<JsonNode> entries = platform.all("/v1/monthly-fees/" + feeId + "/entries", admin);
                assertEquals("entries of fee " + i, MONTHS, entries.size());
                for (JsonNode e : entries) {
                    expect(200, platform.json("PATCH", "/v1/fee-entries/" + e.path("id").asText(), admin, Map.of("approvedByCustomer", true)));
                    entriesByMonth.computeIfAbsent(e.path("dueDate").asText().substring(0, 7), m -> new ArrayList<>()).add(e.path("id").asText());
                }
            }
            List<String> months = new ArrayList<>(entriesByMonth.keySet());
            assertEquals(MONTHS, months.size());

            // the run: one request per month, each with its own Idempotency-Key, until the process dies under it
            AtomicInteger done = new AtomicInteger();
            AtomicLong requestStarted = new AtomicLong();
            AtomicLong busyNanos = new AtomicLong();
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try {
                    for (String month : months) {
                        long start = System.nanoTime();
                        requestStarted.set(start);
                        expect(201, platform.json("POST", "/v1/pre-billing/invoices", admin, Map.of("entryIds", entriesByMonth.get(month)),
                                "Idempotency-Key", "run-" + month));
                        requestStarted.set(0);
                        busyNanos.addAndGet(System.nanoTime() - start);
                        done.incrementAndGet();
                    }
                } catch (AssertionError connectionLost) {
                    // expected: the process dies under a request
                }
            });
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (done.get() < 8 && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue("the run did not get going", done.get() >= 8 && !run.isDone());
            // kill halfway through a request under way (by the mean time the previous ones took)
            long meanNanos = busyNanos.get() / done.get();
            long since;
            while (((since = requestStarted.get()) == 0 || System.nanoTime() - since < meanNanos / 2) && !run.isDone()) {
                Thread.sleep(1);
            }
            long into = (System.nanoTime() - since) / 1_000_000;
            platform.killHard();
            run.join();
            int answered = done.get();
            assertTrue("the run finished before the kill", answered < MONTHS);
            System.out.println("InvoiceRunCrashIT: killed " + into + " ms into request " + (answered + 1) + " of " + MONTHS
                    + " (mean request " + meanNanos / 1_000_000 + " ms)");

            platform.start();
            System.out.println("InvoiceRunCrashIT: UP again after kill -9 in " + platform.awaitUp(Duration.ofMinutes(5)).toMillis() + " ms");
            String again = platform.login(AGENCY, "admin@" + AGENCY + ".test", RunningDistribution.adminPassword(AGENCY));

            int afterCrash = assertBooksWhole(platform, again, entriesByMonth);
            String killedMonth = months.get(answered);
            boolean killedCommitted = afterCrash > answered * CUSTOMERS;
            System.out.println("InvoiceRunCrashIT: after the restart " + afterCrash + " invoices, numbers 1…" + afterCrash
                    + " contiguous; the killed request " + (killedCommitted ? "had committed" : "had rolled back"));
            assertTrue("answered requests lost: " + afterCrash, afterCrash == answered * CUSTOMERS || afterCrash == (answered + 1) * CUSTOMERS);

            // run again: the interrupted request with its key (a replay if it had committed), then what pre-billing still lists
            JsonNode retried = expect(201, platform.json("POST", "/v1/pre-billing/invoices", again,
                    Map.of("entryIds", entriesByMonth.get(killedMonth)), "Idempotency-Key", "run-" + killedMonth));
            assertEquals(CUSTOMERS, retried.path("items").size());
            for (JsonNode invoice : retried.path("items")) {
                long n = invoice.path("number").asLong();
                assertTrue("retried request's invoice number " + n, killedCommitted ? n <= afterCrash : n > afterCrash && n <= afterCrash + CUSTOMERS);
            }
            List<String> rest = new ArrayList<>();
            platform.all("/v1/pre-billing", again).forEach(i -> rest.add(i.path("entryId").asText()));
            assertEquals((MONTHS - answered - 1) * CUSTOMERS, rest.size());
            int issuedAfter = killedCommitted ? 0 : CUSTOMERS; // a replay issues nothing new
            for (int i = 0; i < rest.size(); i += 100) { // one invoice per customer and request: a customer's months together
                issuedAfter += expect(201, platform.json("POST", "/v1/pre-billing/invoices", again,
                        Map.of("entryIds", rest.subList(i, Math.min(rest.size(), i + 100))))).path("items").size();
            }
            assertEquals(0, platform.all("/v1/pre-billing", again).size());
            int total = assertBooksWhole(platform, again, entriesByMonth);
            assertEquals("numbered on from " + afterCrash, afterCrash + issuedAfter, total);
            assertEquals("every entry billed", MONTHS * CUSTOMERS, countBilled(platform, again));
            System.out.println("InvoiceRunCrashIT: after running again " + total + " invoices checked, numbers 1…" + total
                    + ", " + MONTHS * CUSTOMERS + " entries billed once");
            // and a billed entry cannot be billed again
            expect(409, platform.json("POST", "/v1/pre-billing/invoices", again, Map.of("entryIds", List.of(rest.isEmpty()
                    ? entriesByMonth.get(killedMonth).get(0) : rest.get(0)))));
        }
    }

    /**
     * Checks the books as they are: invoice numbers exactly 1…n, every invoice's lines are entries billed on that invoice,
     * every entry either OPEN without an invoice or BILLED on an invoice that lists it. Returns n.
     */
    private static int assertBooksWhole(RunningDistribution platform, String token, Map<String, List<String>> entriesByMonth) {
        List<JsonNode> invoices = platform.all("/v1/invoices", token);
        TreeSet<Long> numbers = new TreeSet<>();
        Map<String, String> invoiceOfEntry = new HashMap<>();
        for (JsonNode invoice : invoices) {
            assertTrue("invoice number twice: " + invoice.path("number"), numbers.add(invoice.path("number").asLong()));
            assertTrue("an invoice without entries: " + invoice, invoice.path("lines").size() > 0);
            for (JsonNode line : invoice.path("lines")) {
                assertNull("entry on two invoices: " + line, invoiceOfEntry.put(line.path("entryId").asText(), invoice.path("id").asText()));
            }
        }
        if (!numbers.isEmpty()) {
            assertEquals("numbers start at 1", 1L, (long) numbers.first());
            assertEquals("numbers without a gap: " + numbers, (long) numbers.size(), (long) numbers.last());
        }
        for (String feeId : feeIds(platform, token)) {
            for (JsonNode e : platform.all("/v1/monthly-fees/" + feeId + "/entries", token)) {
                String id = e.path("id").asText();
                String status = e.path("status").asText();
                if ("BILLED".equals(status)) {
                    assertEquals("entry " + id + " billed without its invoice listing it", invoiceOfEntry.get(id), e.path("invoiceId").asText());
                } else {
                    assertEquals("entry " + id, "OPEN", status);
                    assertTrue("open entry " + id + " with an invoice: " + e, e.path("invoiceId").isNull() || e.path("invoiceId").isMissingNode());
                    assertNull("open entry " + id + " on an invoice", invoiceOfEntry.get(id));
                }
            }
        }
        int entries = entriesByMonth.values().stream().mapToInt(List::size).sum();
        assertTrue(invoiceOfEntry.size() <= entries);
        return numbers.size();
    }

    private static int countBilled(RunningDistribution platform, String token) {
        int billed = 0;
        for (String feeId : feeIds(platform, token)) {
            for (JsonNode e : platform.all("/v1/monthly-fees/" + feeId + "/entries", token)) {
                billed += "BILLED".equals(e.path("status").asText()) ? 1 : 0;
            }
        }
        return billed;
    }

    private static List<String> feeIds(RunningDistribution platform, String token) {
        List<String> ids = new ArrayList<>();
        platform.all("/v1/monthly-fees", token).forEach(f -> ids.add(f.path("id").asText()));
        assertEquals(CUSTOMERS, ids.size());
        return ids;
    }
}
