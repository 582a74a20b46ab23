package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.clientele.itests.ClienteleTestSupport.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Password guesses fired at once, and what the login throttle must make of them. */
final class Guesses {

    /** The shipped limit of guesses at one account from one address (itests keep it). */
    static final int LIMIT = 5;

    private Guesses() {
    }

    /** Sends {@code n} requests at the same moment, from as many threads. */
    static List<Answer> inParallel(int n, IntFunction<Answer> request) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                start.await();
                return request.apply(index);
            }));
        }
        start.countDown();
        List<Answer> answers = new ArrayList<>();
        try {
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return answers;
    }

    /**
     * At most {@link #LIMIT} of the guesses had their password checked (answered {@code checkedStatus}); every other one
     * was refused before any hashing: 429 {@code rate_limited} with {@code Retry-After} (or, for an attempt that found no
     * free hashing slot, 503 with {@code Retry-After}). Returns how many were checked.
     */
    static int assertAtMostLimitChecked(List<Answer> answers, int checkedStatus) {
        int checked = 0;
        int throttled = 0;
        List<Integer> statuses = new ArrayList<>();
        for (Answer a : answers) {
            statuses.add(a.status());
            if (a.status() == checkedStatus) {
                checked++;
                continue;
            }
            assertTrue(a.body(), a.status() == 429 || a.status() == 503);
            assertNotNull("Retry-After on " + a.status(), a.header("Retry-After"));
            assertTrue(Long.parseLong(a.header("Retry-After")) >= 1);
            assertEquals(a.status() == 429 ? "rate_limited" : "service_unavailable",
                    ClienteleTestSupport.JSON.convertValue(a.json().path("code"), String.class));
            if (a.status() == 429) {
                throttled++;
            }
        }
        assertTrue("at most " + LIMIT + " passwords checked of " + answers.size() + ": " + statuses, checked <= LIMIT);
        assertTrue("the rest refused before hashing: " + statuses, throttled >= answers.size() - 2 * LIMIT);
        return checked;
    }
}
