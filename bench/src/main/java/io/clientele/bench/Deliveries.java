package io.clientele.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * D1–D3: domain events delivered through the integration platform's delivery queue by the shipped webhook provider to a
 * receiver in this process (JDK HttpServer on 127.0.0.1, answering 204 at once), beside a baseline of the same HTTP calls
 * — same receiver, same headers (a fresh Standard Webhooks signature each), a body of the same size — made directly by
 * this process on one thread, as the platform's delivery worker is one thread.
 *
 * <ul>
 *   <li>D1: deliveries per second while a backlog drains: {@code subscriptions} webhook subscriptions of the agency, each
 *       to {@code customer.created}; {@code events} customers created through the API (4 threads), so events × subscriptions
 *       deliveries; the rate is counted from the first delivery's arrival to the last's.</li>
 *   <li>D2, D3: the delay from a change to its delivery, p50 and p95: one subscription, a customer created through the API,
 *       from the API's 201 (the change is committed) to the message's arrival, {@code samples} times one after the other.
 *       Each after a random pause of 0–1.5 s, so that changes do not line up with the worker's polls. Baseline: the
 *       time from sending one direct POST to its arrival.</li>
 * </ul>
 * The platform runs with its shipped delivery settings (poll interval, batch size); only outbound calls to loopback are
 * allowed ({@code CLIENTELE_INTEGRATION_ALLOW_PRIVATE_ADDRESSES}).
 */
final class Deliveries {

    static final String FEATURE = "clientele-webhook";

    private final Bench bench;
    private final int events;
    private final int subscriptions;
    private final int samples;
    private final String secret;
    private final HttpServer server;
    private final ExecutorService receiverThreads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "bench-receiver");
        t.setDaemon(true);
        return t;
    });
    /** Arrival (nanoTime) of the first message per "path customerId" (or "path webhook-id" for the baseline). */
    private final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong bodyBytes = new AtomicLong();
    private volatile String sampleBody;

    Deliveries(Bench bench, int events, int subscriptions, int samples) throws Exception {
        this.bench = bench;
        this.events = events;
        this.subscriptions = Math.max(1, subscriptions);
        this.samples = samples;
        byte[] key = new byte[32];
        new java.util.Random(Bench.SEED).nextBytes(key);
        this.secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(receiverThreads);
        server.createContext("/", exchange -> {
            long at = System.nanoTime();
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            received.incrementAndGet();
            bodyBytes.addAndGet(body.length);
            String path = exchange.getRequestURI().getPath();
            String key2;
            if (path.startsWith("/direct")) {
                key2 = path + " " + exchange.getRequestHeaders().getFirst("webhook-id");
            } else {
                String text = new String(body, StandardCharsets.UTF_8);
                sampleBody = text;
                key2 = path + " " + Api.JSON.readTree(text).path("data").path("customerId").asText();
            }
            arrival(key2).complete(at);
        });
        server.start();
    }

    private CompletableFuture<Long> arrival(String key) {
        return arrivals.computeIfAbsent(key, k -> new CompletableFuture<>());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void run() throws Exception {
        try {
            setUp();
            List<Double> latencies = latencies(); // one subscription
            for (int i = 1; i < subscriptions; i++) {
                subscribe("/hook" + i);
            }
            double[] drain = drain();
            long bodies = received.get();
            double averageBody = bodyBytes.get() / (double) Math.max(1, bodies);
            double[] direct = direct(events * subscriptions);
            double rate = drain[0];
            double[] p = Bench.percentiles(latencies.stream().mapToDouble(Double::doubleValue).toArray());
            double[] dp = Bench.percentiles(java.util.Arrays.copyOfRange(direct, 1, direct.length));
            Map<String, Object> d = new java.util.LinkedHashMap<>();
            d.put("events", events);
            d.put("subscriptions", subscriptions);
            d.put("deliveries", events * subscriptions);
            d.put("drainSeconds", Bench.round(drain[1]));
            d.put("createSeconds", Bench.round(drain[2]));
            d.put("averageBodyBytes", Bench.round(averageBody));
            d.put("latencyMs", Bench.pctMap(p));
            d.put("latencySamples", latencies.size());
            d.put("directLatencyMs", Bench.pctMap(dp));
            d.put("directCallsPerSecond", Bench.round(direct[0]));
            d.put("note", "shipped delivery settings: poll " + pollInterval() + " ms, batch " + batchSize() + "; receiver answers 204 at once");
            bench.details.put("D", d);
            Bench.log("D: " + events * subscriptions + " deliveries drained in " + Bench.fmt(drain[1]) + " s (" + Bench.fmt(rate)
                    + "/s; creates took " + Bench.fmt(drain[2]) + " s), direct " + Bench.fmt(direct[0]) + "/s; change to delivery p50/p95/p99 "
                    + Bench.fmt(p[0]) + "/" + Bench.fmt(p[1]) + "/" + Bench.fmt(p[2]) + " ms, direct " + Bench.fmt(dp[0]) + "/" + Bench.fmt(dp[1])
                    + "/" + Bench.fmt(dp[2]) + " ms; body " + Bench.fmt(averageBody) + " bytes");
            bench.figure("D1", "webhook deliveries/s through the queue, " + subscriptions + " subscriptions × " + events + " events (drain)",
                    rate, "deliveries/s", direct[0], "calls/s (the same POSTs made directly, one thread)", rate / direct[0], "-", null);
            bench.figure("D2", "change to delivery, p50 (API 201 → receiver; " + latencies.size() + " one at a time)", p[0], "ms", dp[0],
                    "ms (direct POST to arrival)", p[0] / dp[0], "-", null);
            bench.figure("D3", "change to delivery, p95", p[1], "ms", dp[1], "ms (direct POST to arrival)", p[1] / dp[1], "-", null);
        } finally {
            server.stop(0);
            receiverThreads.shutdownNow();
        }
    }

    private String pollInterval() {
        return shipped("deliveryPollIntervalMillis");
    }

    private String batchSize() {
        return shipped("deliveryBatchSize");
    }

    /** The default of a setting in the instance's etc/io.clientele.integration.cfg. */
    private String shipped(String key) {
        try {
            String cfg = java.nio.file.Files.readString(bench.platform.home.resolve("etc/io.clientele.integration.cfg"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + key + "\\s*=.*default=(\\d+)").matcher(cfg);
            return m.find() ? m.group(1) : "?";
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** Installs the webhook provider (JMX, as P2), enables its module for the bench agency, subscribes "/hook0". */
    private void setUp() throws Exception {
        javax.management.remote.JMXConnector jmx = javax.management.remote.JMXConnectorFactory.connect(
                new javax.management.remote.JMXServiceURL(bench.platform.jmxUrl()),
                Map.of(javax.management.remote.JMXConnector.CREDENTIALS, new String[] {"admin", bench.operatorPassword}));
        try {
            jmx.getMBeanServerConnection().invoke(new javax.management.ObjectName("org.apache.karaf:type=feature,name=root"), "installFeature",
                    new Object[] {FEATURE}, new String[] {String.class.getName()});
        } finally {
            jmx.close();
        }
        String basic = Base64.getEncoder().encodeToString(("admin:" + bench.operatorPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> modules = bench.api.http.send(HttpRequest.newBuilder(URI.create(bench.api.base + "/v1/platform/agencies/"
                        + Bench.SLUG + "/modules")).header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .PUT(Api.json(Map.of("modules", List.of("budget", "monthly-fee", "webhook")))).build(), HttpResponse.BodyHandlers.ofString());
        Bench.check(modules.statusCode() == 200, "enabling the webhook module answered " + modules.statusCode() + ": " + modules.body());
        Bench.await("the webhook provider listed", Duration.ofMinutes(2), () -> bench.api.get("/v1/integrations/providers").body().contains("\"webhook\""));
        subscribe("/hook0");
    }

    private void subscribe(String path) throws Exception {
        HttpResponse<String> r = bench.api.postJson("/v1/integrations", Map.of("providerId", "webhook",
                "settings", Map.of("url", url(path), "events", List.of("customer.created"), "secret", secret)));
        Bench.check(r.statusCode() == 201, "subscribing answered " + r.statusCode() + ": " + r.body());
    }

    private String create(String name) throws Exception {
        HttpResponse<String> r = bench.api.postJson("/v1/customers", Map.of("name", name, "companyName", name + " Ltda"));
        Bench.check(r.statusCode() == 201, "creating a customer answered " + r.statusCode() + ": " + r.body());
        return Api.JSON.readTree(r.body()).path("id").asText();
    }

    /** D2, D3: change (API 201) to arrival, one at a time, after 5 unmeasured ones. */
    private List<Double> latencies() throws Exception {
        List<Double> ms = new ArrayList<>();
        java.util.Random pause = new java.util.Random(Bench.SEED);
        for (int i = -5; i < samples; i++) {
            // a random pause first, so that a change does not always come just after the worker's last poll
            Thread.sleep(pause.nextInt(1500));
            String id = create("Delivered " + i);
            long answered = System.nanoTime();
            long arrived = arrival("/hook0 " + id).get(2, TimeUnit.MINUTES);
            if (i >= 0) {
                ms.add((arrived - answered) / 1e6);
            }
        }
        return ms;
    }

    /** D1: {events} customers created by 4 threads; answers {deliveries/s first to last arrival, drain s, create s}. */
    private double[] drain() throws Exception {
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        ExecutorService creators = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            int n = i;
            done.add(creators.submit(() -> {
                ids.add(create("Drained " + n));
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        creators.shutdown();
        double createSeconds = Bench.seconds(t0);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String id : ids) {
            for (int s = 0; s < subscriptions; s++) {
                long at = arrival("/hook" + s + " " + id).get(30, TimeUnit.MINUTES);
                first = Math.min(first, at);
                last = Math.max(last, at);
            }
        }
        double drainSeconds = (last - first) / 1e9;
        int deliveries = events * subscriptions;
        return new double[] {(deliveries - 1) / drainSeconds, drainSeconds, createSeconds};
    }

    /**
     * The baseline: {@code calls} POSTs made directly, one after the other, each with the headers the provider sends and
     * a body of the size of one it sent; answers {calls/s, then each call's ms from sending to arrival}.
     */
    private double[] direct(int calls) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        String body = sampleBody;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        double[] out = new double[calls + 1];
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            String id = String.format("msg_direct%026d", i);
            long timestamp = System.currentTimeMillis() / 1000;
            String signature = "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            String path = "/direct" + (i % subscriptions);
            long sent = System.nanoTime();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                    .header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature)
                    .header("Content-Type", "application/json").header("User-Agent", "Clientele-Webhooks/1")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
            Bench.check(r.statusCode() == 204, "the receiver answered " + r.statusCode());
            out[i + 1] = (arrival(path + " " + id).get(1, TimeUnit.MINUTES) - sent) / 1e6;
        }
        out[0] = calls / Bench.seconds(t0);
        return out;
    }
}
