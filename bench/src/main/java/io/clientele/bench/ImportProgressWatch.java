package io.clientele.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the progress of the import P4 runs, as a user's screen would: polls {@code GET /customers/import/runs?limit=1}
 * every {@link #POLL_MILLIS} ms from its own thread while the import's POST is under way, and keeps every change of the
 * running import's rows read.
 */
final class ImportProgressWatch implements AutoCloseable {

    static final long POLL_MILLIS = 250;

    private record Seen(double seconds, int rowsRead, int percent) {
    }

    private final Api api;
    private final long started = System.nanoTime();
    private final List<Seen> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile String failure;

    ImportProgressWatch(Api api) {
        this.api = api;
        this.thread = new Thread(this::poll, "import-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        while (!stop) {
            try {
                var r = api.get("/v1/customers/import/runs?limit=1");
                if (r.statusCode() != 200) {
                    failure = "GET /customers/import/runs answered " + r.statusCode();
                } else {
                    JsonNode run = Api.JSON.readTree(r.body()).path("items").path(0);
                    if ("RUNNING".equals(run.path("state").asText()) && !run.path("dryRun").asBoolean()) {
                        int read = run.path("rowsRead").asInt();
                        synchronized (seen) {
                            if (seen.isEmpty() || seen.get(seen.size() - 1).rowsRead() != read) {
                                seen.add(new Seen((System.nanoTime() - started) / 1e9, read, run.path("percent").asInt()));
                            }
                        }
                    }
                }
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failure = e.toString();
            }
        }
    }

    /** Distinct progress values seen while the import ran (rows read moved between them). */
    int updates() {
        synchronized (seen) {
            return seen.size();
        }
    }

    Map<String, Object> summary(double importSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        synchronized (seen) {
            m.put("updates", seen.size());
            double maxGap = 0;
            double previous = 0;
            for (Seen s : seen) {
                maxGap = Math.max(maxGap, s.seconds() - previous);
                previous = s.seconds();
            }
            maxGap = Math.max(maxGap, importSeconds - previous);
            m.put("longestSecondsWithoutNewProgress", Math.round(maxGap * 100) / 100.0);
            m.put("pollMillis", POLL_MILLIS);
            if (!seen.isEmpty()) {
                Seen last = seen.get(seen.size() - 1);
                m.put("lastSeenWhileRunning", Map.of("seconds", Math.round(last.seconds() * 10) / 10.0, "rowsRead", last.rowsRead(),
                        "percent", last.percent()));
            }
        }
        if (failure != null) {
            m.put("pollFailure", failure);
        }
        return m;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join(5_000);
    }
}
