package io.clientele.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import io.clientele.customer.impl.internal.SameRows;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The benchmark of quality.md (P1-P7): runs the built distribution and, in the same run, the baseline of each
 * figure (bare Karaf, raw JDBC on the same database), then prints a table and writes JSON.
 *
 * <pre>java -jar bench/target/clientele-bench.jar [--customers 1000000] [--db derby|postgresql] [--out file.json]</pre>
 */
public final class Bench {

    static final long SEED = 42L;
    static final int CLIENTS = 16;
    static final String SLUG = "bench";
    static final String AGENCY_PASSWORD = "bench passphrase of the admin 7Qz";
    static final String PG_DATABASE = "clientele_bench";
    /** Baseline rows (P3, P4) are written under this agency id, then deleted, so the lists and the indexer never see them. */
    static final String BASELINE_AGENCY = "00000000-0000-0000-0000-0000000bench";

    // options
    long customers = 1_000_000;
    String db = "derby";
    Path out = Paths.get("bench/target/results.json");
    Path dist;
    Path karaf;
    int durationSeconds = 20;
    /**
     * P3's warm-up before its measured seconds, for the API and for the raw baseline alike. On 2 cores the JIT's
     * optimising compiler keeps compiling the request path for most of the first minute, taking one core while it
     * does: after 10 s of warm-up the API created 176 customers/s, after 60 s 425/s (same build, same machine).
     */
    int warmupSeconds = 60;
    int importRows = 100_000;
    int samples = 200;
    int startRuns = 3;
    int p2Cycles = 20;
    int pages = 1000;
    int indexerTimeoutMinutes = 60;
    String pgHost = "127.0.0.1:5432";
    String pgUser = "postgres";
    String pgPassword = "";
    boolean keep;
    boolean jmh = true;
    /** D1-D3 (webhook deliveries through the queue): events, subscriptions, latency samples; 0 events skips them. */
    int deliveryEvents = 100;
    int deliverySubscriptions = 4;
    int deliverySamples = 50;
    /** Only P1 (its start) and D1-D3. */
    boolean onlyDeliveries;
    /**
     * Only P1, as {@code startRuns} interleaved rounds (bare Karaf, then the distribution, then {@code distB} if given,
     * the order of the two distributions swapped every other round): on a shared machine the ratio within a round is
     * comparable where absolute seconds are not.
     */
    boolean onlyStart;
    /** With {@code onlyStart}: a second distribution started in every round (an A/B of a change to the start). */
    Path distB;

    final String operatorPassword = "bench-operator-" + Long.toHexString(new Random(SEED).nextLong());
    final List<Map<String, Object>> figures = new ArrayList<>();
    final Map<String, Object> details = new LinkedHashMap<>();
    Path workRoot;
    Instance platform;
    boolean running;
    Api api;
    String agencyId;

    public static void main(String[] args) throws Exception {
        // POI logs through the Log4j API: its simple logger, without the warning that no implementation is there
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        Bench b = new Bench();
        b.parse(args);
        b.run();
    }

    void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--customers" -> customers = Long.parseLong(args[++i].replace("_", ""));
                case "--db" -> db = args[++i];
                case "--out" -> out = Paths.get(args[++i]);
                case "--dist" -> dist = Paths.get(args[++i]);
                case "--karaf" -> karaf = Paths.get(args[++i]);
                case "--duration" -> durationSeconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--import-rows" -> importRows = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--start-runs" -> startRuns = Integer.parseInt(args[++i]);
                case "--p2-cycles" -> p2Cycles = Integer.parseInt(args[++i]);
                case "--pages" -> pages = Integer.parseInt(args[++i]);
                case "--indexer-timeout" -> indexerTimeoutMinutes = Integer.parseInt(args[++i]);
                case "--pg-host" -> pgHost = args[++i];
                case "--pg-user" -> pgUser = args[++i];
                case "--pg-password" -> pgPassword = args[++i];
                case "--keep" -> keep = true;
                case "--no-jmh" -> jmh = false;
                case "--deliveries" -> deliveryEvents = Integer.parseInt(args[++i]);
                case "--delivery-subscriptions" -> deliverySubscriptions = Integer.parseInt(args[++i]);
                case "--delivery-samples" -> deliverySamples = Integer.parseInt(args[++i]);
                case "--only-deliveries" -> onlyDeliveries = true;
                case "--only-start" -> onlyStart = true;
                case "--dist-b" -> distB = Paths.get(args[++i]);
                default -> {
                    System.err.println("""
                            usage: java -jar bench/target/clientele-bench.jar [--customers 1000000] [--db derby|postgresql]
                              [--out bench/target/results.json] [--dist clientele-distribution.tar.gz] [--karaf apache-karaf-4.4.10.tar.gz]
                              [--duration 20] [--warmup 60] [--import-rows 100000] [--samples 200] [--start-runs 3] [--p2-cycles 20] [--pages 1000] [--indexer-timeout 60]
                              [--pg-host 127.0.0.1:5432] [--pg-user postgres] [--pg-password ''] [--keep] [--no-jmh]
                              [--deliveries 100] [--delivery-subscriptions 4] [--delivery-samples 50] [--only-deliveries]
                              [--only-start [--dist-b other-distribution.tar.gz]]   (P1 only: --start-runs interleaved rounds)""");
                    System.exit(2);
                }
            }
        }
        if (!db.equals("derby") && !db.equals("postgresql")) {
            throw new IllegalArgumentException("--db must be derby or postgresql");
        }
        if (distB != null && !onlyStart) {
            throw new IllegalArgumentException("--dist-b goes with --only-start");
        }
    }

    void run() throws Exception {
        dist = dist != null ? dist : find(List.of(Paths.get("karaf-distribution/target"), Paths.get("../karaf-distribution/target")),
                "clientele-distribution-", ".tar.gz");
        karaf = karaf != null ? karaf : find(List.of(Paths.get("bench/target/karaf"), Paths.get("target/karaf")), "apache-karaf-", ".tar.gz");
        workRoot = Files.createTempDirectory("clientele-bench-");
        System.setProperty("derby.stream.error.file", workRoot.resolve("derby-bench.log").toString());
        log("distribution " + dist + ", bare Karaf " + karaf + ", database " + db + ", " + customers + " customers, work in " + workRoot);
        long began = System.nanoTime();
        java.util.concurrent.ScheduledExecutorService analyzer = null;
        try {
            if (onlyStart) {
                startRounds();
                return;
            }
            coldStart();
            analyzer = standInForAutovacuum();
            setUp();
            if (onlyDeliveries) {
                deliveries();
                return;
            }
            writesThroughApi();
            stopPlatform();
            writesRaw();
            startPlatformWithData();
            readsThroughApi();
            deliveries();
            if (p2Cycles > 0) {
                try {
                    hotDeploy();
                } catch (Exception e) { // the other figures are still worth having
                    details.put("P2error", e.toString());
                    log("P2 failed: " + e);
                }
            }
            stopPlatform();
            readsRaw();
            memory();
            if (jmh) {
                inProcessPieces();
            }
        } finally {
            if (analyzer != null) {
                analyzer.shutdownNow();
            }
            if (running) {
                try {
                    stopPlatform();
                } catch (Exception e) {
                    System.err.println("stopping: " + e);
                }
            }
            details.put("benchSeconds", (System.nanoTime() - began) / 1_000_000_000L);
            report();
            if (!keep) {
                Instance.deleteTree(workRoot);
            }
        }
    }

    // ---------------------------------------------------------------- P1

    void coldStart() throws Exception {
        List<Double> bare = new ArrayList<>();
        for (int i = 0; i < startRuns; i++) {
            bare.add(bareStart(i).seconds());
        }
        List<Double> ours = new ArrayList<>();
        for (int i = 0; i < startRuns; i++) {
            ours.add(clienteleStart(dist, "Clientele start " + i, i == startRuns - 1).seconds());
        }
        double b = median(bare);
        double o = median(ours);
        figure("P1", "cold start to health UP, all modules (median of " + startRuns + ")", o, "s", b, "s (bare Karaf 4.4.10 to SSH)",
                o / b, "<= 2x", o / b <= 2.0);
        details.put("P1", Map.of("clienteleSeconds", ours, "bareKarafSeconds", bare));
    }

    /** One start: wall seconds from {@code bin/start} to ready, and the runtime process's CPU seconds by then. */
    record Start(double seconds, double cpuSeconds) {
    }

    /** A fresh bare Karaf from {@code bin/start} until its SSH server answers (banner), then stopped and deleted. */
    Start bareStart(int i) throws Exception {
        Instance k = Instance.unpack(karaf, workRoot);
        long t0 = System.nanoTime();
        k.start();
        await("bare Karaf SSH port", Duration.ofMinutes(3), () -> Instance.answersSsh(k.sshPort));
        Start s = new Start(seconds(t0), cpuSeconds(k));
        log("bare Karaf start " + i + ": " + fmt(s.seconds()) + " s, CPU " + fmt(s.cpuSeconds()) + " s");
        k.stop();
        Instance.deleteTree(k.home.getParent());
        return s;
    }

    /**
     * A fresh platform from the archive, from {@code bin/start} until health is UP with every boot module; kept
     * running as {@link #platform} when {@code keep}, else stopped and deleted.
     */
    Start clienteleStart(Path archive, String what, boolean keepRunning) throws Exception {
        Instance p = newPlatform(archive);
        Set<String> expected = expectedModules(p);
        Api a = new Api(p.httpPort);
        long t0 = System.nanoTime();
        p.start();
        await("health UP with " + expected, Duration.ofMinutes(15), () -> {
            JsonNode h = a.healthUp();
            if (h == null) {
                return false;
            }
            Set<String> modules = new HashSet<>();
            h.path("modules").forEach(m -> modules.add(m.asText()));
            return modules.containsAll(expected);
        });
        Start s = new Start(seconds(t0), cpuSeconds(p));
        log(what + ": " + fmt(s.seconds()) + " s, CPU " + fmt(s.cpuSeconds()) + " s (modules " + expected + ")");
        if (keepRunning) {
            platform = p;
            running = true;
            platform.monitorHeap();
        } else {
            p.stop();
            Instance.deleteTree(p.home.getParent());
        }
        return s;
    }

    static double cpuSeconds(Instance i) throws IOException, InterruptedException {
        return ProcessHandle.of(i.pid()).flatMap(h -> h.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /**
     * {@code --only-start}: {@code startRuns} rounds, each a bare Karaf start then the distribution's (and
     * {@code distB}'s, the two swapped every other round); per round the ratio to that round's bare start.
     */
    void startRounds() throws Exception {
        Map<String, Path> archives = new LinkedHashMap<>();
        archives.put("A", dist);
        if (distB != null) {
            archives.put("B", distB);
        }
        List<Double> bare = new ArrayList<>();
        List<Double> bareCpu = new ArrayList<>();
        Map<String, List<Double>> wall = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Map<String, List<Double>> ratio = new LinkedHashMap<>();
        archives.keySet().forEach(k -> {
            wall.put(k, new ArrayList<>());
            cpu.put(k, new ArrayList<>());
            ratio.put(k, new ArrayList<>());
        });
        for (int i = 0; i < startRuns; i++) {
            Start b = bareStart(i);
            bare.add(b.seconds());
            bareCpu.add(b.cpuSeconds());
            List<String> order = new ArrayList<>(archives.keySet());
            if (i % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (String k : order) {
                Start s = clienteleStart(archives.get(k), "round " + i + ", " + k + " (" + archives.get(k).getFileName() + ")", false);
                wall.get(k).add(s.seconds());
                cpu.get(k).add(s.cpuSeconds());
                ratio.get(k).add(s.seconds() / b.seconds());
            }
        }
        for (String k : archives.keySet()) {
            List<Double> r = ratio.get(k);
            double m = median(r);
            figure("P1" + (archives.size() > 1 ? k : ""), "cold start to health UP, " + archives.get(k).getFileName() + " (median of "
                    + startRuns + " rounds' ratios; ratios " + fmt(java.util.Collections.min(r)) + "–" + fmt(java.util.Collections.max(r))
                    + ")", median(wall.get(k)), "s", median(bare), "s (bare Karaf 4.4.10 to SSH, same rounds)", m, "<= 2x", m <= 2.0);
            details.put("P1" + k, Map.of("archive", archives.get(k).toString(), "seconds", wall.get(k), "cpuSeconds", cpu.get(k),
                    "ratioToBare", r, "medianCpuRatioToBare", median(cpu.get(k)) / median(bareCpu)));
        }
        details.put("P1bare", Map.of("seconds", bare, "cpuSeconds", bareCpu));
        if (distB != null) {
            List<Double> ba = new ArrayList<>();
            for (int i = 0; i < startRuns; i++) {
                ba.add(wall.get("B").get(i) / wall.get("A").get(i));
            }
            details.put("P1BoverA", Map.of("perRound", ba, "median", median(ba)));
            log("B / A per round " + ba + ", median " + fmt(median(ba)));
        }
    }

    Instance newPlatform(Path archive) throws Exception {
        Instance p = Instance.unpack(archive, workRoot);
        if (db.equals("derby")) {
            // the raw JDBC baselines open the same Derby database in this JVM: give them the platform's Derby settings
            String cfg = Files.readString(p.home.resolve("etc/io.clientele.database.cfg"));
            derbySetting(cfg, "derbyPageCacheSize", "derby.storage.pageCacheSize");
            derbySetting(cfg, "derbyLockEscalationThreshold", "derby.locks.escalationThreshold");
            derbySetting(cfg, "derbyLockWaitTimeoutSeconds", "derby.locks.waitTimeout");
        }
        p.env.put("CLIENTELE_OPERATOR_PASSWORD", operatorPassword);
        p.env.put("CLIENTELE_ACCESS_TOKEN_TTL_SECONDS", "86400");
        p.env.put("CLIENTELE_IMPORT_MAX_BYTES", Long.toString(1L << 30));
        // D1-D3 deliver webhooks to a receiver in this process, on 127.0.0.1
        p.env.put("CLIENTELE_INTEGRATION_ALLOW_PRIVATE_ADDRESSES", "true");
        if (db.equals("postgresql")) {
            recreatePostgres();
            p.env.put("CLIENTELE_DB_URL", pgUrl(PG_DATABASE));
            p.env.put("CLIENTELE_DB_USER", pgUser);
            p.env.put("CLIENTELE_DB_PASSWORD", pgPassword);
        }
        return p;
    }

    /** Sets a Derby system property of this JVM to the default of the platform's setting, unless already set. */
    void derbySetting(String cfg, String setting, String derbyProperty) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + setting + "\\s*=.*default=(\\d+)").matcher(cfg);
        if (System.getProperty(derbyProperty) == null && m.find()) {
            System.setProperty(derbyProperty, m.group(1));
            details.put(derbyProperty, Long.parseLong(m.group(1)));
        }
    }

    /** Every module the distribution installs at boot: its clientele-* boot features but the core. */
    static Set<String> expectedModules(Instance p) throws IOException {
        java.util.Properties cfg = new java.util.Properties();
        try (var in = Files.newInputStream(p.home.resolve("etc/org.apache.karaf.features.cfg"))) {
            cfg.load(in);
        }
        Set<String> modules = new HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|,)\\s*clientele-([a-z0-9-]+?)\\s*(?:/[^,]*)?(?=,|$)")
                .matcher(cfg.getProperty("featuresBoot", ""));
        while (m.find()) {
            // clientele-integrations (the integration SPI and platform) is a boot feature but no module: health never lists it
            if (!m.group(1).equals("core") && !m.group(1).equals("integrations")) {
                modules.add(m.group(1));
            }
        }
        return modules;
    }

    // ---------------------------------------------------------------- P3, P4 through the API

    void setUp() throws Exception {
        api = new Api(platform.httpPort);
        agencyId = api.createAgencyAndLogin(operatorPassword, SLUG);
        log("agency " + SLUG + " = " + agencyId);
    }

    void writesThroughApi() throws Exception {
        // P3: 16 clients POST customers for a fixed duration, after a warm-up in which the JIT compiles the request path
        runFor(Duration.ofSeconds(warmupSeconds), CLIENTS, 900, (t, d) -> post(d));
        AtomicLong failed = new AtomicLong();
        CpuWindow creates = new CpuWindow(platform.pid());
        long ok = runFor(Duration.ofSeconds(durationSeconds), CLIENTS, 1000, (t, d) -> {
            if (!post(d)) {
                failed.incrementAndGet();
                return false;
            }
            return true;
        });
        creates.end(ok);
        createsEnded = Instant.now();
        double perSecond = ok / (double) durationSeconds;
        details.put("P3api", Map.of("created", ok, "failed", failed.get(), "seconds", durationSeconds));
        log("P3 API: " + ok + " customers created in " + durationSeconds + " s (" + fmt(perSecond) + "/s), " + failed.get() + " failed; "
                + creates);
        details.put("p3ApiPerSecond", perSecond);
        p3Cpu.put("create", creates.toMap());

        // What a request costs without writing: an authenticated GET of one customer by the same 16 clients (HTTP,
        // authentication, one primary-key read, JSON). With the cost of a create and of a raw insert (writesRaw) it
        // shows how the machine's CPU is spent per created customer.
        String oneId = Api.JSON.readTree(api.get("/v1/customers?limit=1").body()).path("items").get(0).path("id").asText();
        runFor(Duration.ofSeconds(Math.max(5, warmupSeconds / 4)), CLIENTS, 950, (t, d) -> api.get("/v1/customers/" + oneId).statusCode() == 200);
        CpuWindow reads = new CpuWindow(platform.pid());
        long read = runFor(Duration.ofSeconds(durationSeconds), CLIENTS, 960, (t, d) -> api.get("/v1/customers/" + oneId).statusCode() == 200);
        reads.end(read);
        p3Cpu.put("getOne", reads.toMap());
        log("P3 context, GET /customers/{id}: " + fmt(read / (double) durationSeconds) + " req/s; " + reads);

        try {
            importThroughApi();
        } catch (Exception e) {
            details.put("p4ApiRowsPerSecond", Double.NaN);
            details.put("P4apiError", e.toString());
            log("P4 API failed: " + e);
        }
    }

    void importThroughApi() throws Exception {
        // P4: the import template's headers, an XLSX of importRows rows, one POST
        HttpResponse<byte[]> template = api.getBytes("/v1/customers/import/template?format=xlsx");
        check(template.statusCode() == 200, "template answered " + template.statusCode());
        List<String> headers = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(template.body()))) {
            wb.getSheetAt(0).getRow(0).forEach(cell -> headers.add(cell.getStringCellValue()));
        }
        Path xlsx = workRoot.resolve("import.xlsx");
        writeXlsx(xlsx, headers);
        long t0 = System.nanoTime();
        HttpResponse<String> imported;
        double s;
        try (ImportProgressWatch watch = new ImportProgressWatch(api)) {
            imported = api.postFile("/v1/customers/import", xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            s = seconds(t0);
            details.put("P4progress", watch.summary(s));
            p4ProgressUpdates = watch.updates();
        }
        log("P4 progress while importing: " + details.get("P4progress"));
        check(imported.statusCode() == 200 || imported.statusCode() == 201, "import answered " + imported.statusCode() + ": "
                + imported.body().substring(0, Math.min(2000, imported.body().length())));
        long created = Api.JSON.readTree(imported.body()).path("created").asLong();
        check(created == importRows, "import created " + created + " of " + importRows + ": " + imported.body());
        details.put("p4ApiRowsPerSecond", importRows / s);
        details.put("P4api", Map.of("rows", importRows, "seconds", s, "fileBytes", Files.size(xlsx), "headers", headers));
        log("P4 API: imported " + importRows + " rows in " + fmt(s) + " s (" + fmt(importRows / s) + " rows/s)");
    }

    int p4ProgressUpdates;
    /** When P3's creates through the API ended (the same-rows baselines copy the history those creates wrote). */
    Instant createsEnded;

    boolean post(Data d) throws Exception {
        HttpResponse<String> r = api.postJson("/v1/customers", d.next().json());
        return r.statusCode() == 201;
    }

    void writeXlsx(Path file, List<String> headers) throws IOException {
        Data d = new Data(SEED + 4);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(500); OutputStream os = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("Customers");
            Row head = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                head.createCell(c).setCellValue(headers.get(c));
            }
            for (int i = 1; i <= importRows; i++) {
                Data.Row r = d.next();
                Row row = sheet.createRow(i);
                for (int c = 0; c < headers.size(); c++) {
                    String v = switch (headers.get(c).toLowerCase(Locale.ROOT)) {
                        case "name" -> r.name();
                        case "company name" -> r.companyName();
                        case "person type" -> r.personType();
                        case "e-mail", "email" -> r.email();
                        case "phone" -> r.phone();
                        case "city" -> r.city();
                        case "state" -> r.state();
                        case "country" -> r.country();
                        default -> null;
                    };
                    if (v != null) {
                        row.createCell(c).setCellValue(v);
                    }
                }
            }
            wb.write(os);
            wb.dispose();
        }
    }

    // ---------------------------------------------------------------- P3, P4 baselines and seeding (platform stopped)

    void writesRaw() throws Exception {
        SameRowsWriter same;
        try (Connection c = connect()) {
            same = SameRowsWriter.fromPlatformRows(c, agencyId, createsEnded);
        }
        double apiRate = (double) details.get("p3ApiPerSecond");

        // Order: the P4 baselines first, on the database as the API's import left it (the platform's P3 and P4
        // rows in it, as during that import); their rows are then removed; then the P3 baselines, same rows first.
        // Each same-rows baseline runs before its reference baseline, so it never meets the reference's rows.
        // P4, same-rows baseline: customers, their words and their history rows, in the importer's batches, one transaction
        long t1 = System.nanoTime();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            Data d = new Data(SEED + 4);
            Instant now = Instant.now();
            try (SameRowsWriter.Statements statements = new SameRowsWriter.Statements(c)) {
                List<Data.Row> batch = new ArrayList<>(SameRows.IMPORT_BATCH);
                for (int i = 0; i < importRows; i++) {
                    batch.add(d.next());
                    if (batch.size() == SameRows.IMPORT_BATCH || i == importRows - 1) {
                        same.importBatch(c, BASELINE_AGENCY, batch, now, statements);
                        batch.clear();
                    }
                }
            }
            c.commit();
        }
        double sameRate = importRows / seconds(t1);
        log("P4 raw, same rows: " + importRows + " rows in " + fmt(seconds(t1)) + " s (" + fmt(sameRate) + " rows/s)");
        // P4, customer-rows baseline (kept for reference): the same customers as one transaction of batch inserts
        long t0 = System.nanoTime();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            Data d = new Data(SEED + 4);
            Instant now = Instant.now();
            try (PreparedStatement ps = c.prepareStatement(Data.INSERT)) {
                for (int i = 0; i < importRows; i++) {
                    Data.bind(ps, Bench.uuid(d), BASELINE_AGENCY, d.next(), now, now);
                    ps.addBatch();
                    if ((i + 1) % SameRows.IMPORT_BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
        double rawRate = importRows / seconds(t0);
        log("P4 raw, customer rows only: " + importRows + " rows in " + fmt(seconds(t0)) + " s (" + fmt(rawRate) + " rows/s)");

        details.put("sameRowsHistoryBodies", same.bodySizes());
        double apiRate4 = (double) details.get("p4ApiRowsPerSecond");
        boolean met = apiRate4 / sameRate >= 0.5 && p4ProgressUpdates >= 2;
        figure("P4", "import " + importRows + "-row XLSX (progress seen " + p4ProgressUpdates + " times)", apiRate4, "rows/s", sameRate,
                "rows/s (raw JDBC batches, same rows: customers + words + history)", apiRate4 / sameRate, ">= 0.50x, progress shown", met);
        figure("P4·1", "the same, against the customer-rows baseline", apiRate4, "rows/s", rawRate,
                "rows/s (raw JDBC batch insert, customers only)", apiRate4 / rawRate, "(reference)", null);

        long t3 = System.nanoTime();
        try (Connection c = connect()) {
            refreshStatistics(c);
            c.setAutoCommit(false);
            log("deleted the " + SameRowsWriter.delete(c, BASELINE_AGENCY) + " P4 baseline customers with their words and history in "
                    + fmt(seconds(t3)) + " s");
            c.commit();
        }

        // P3, same-rows baseline: per create one transaction with the customer, its words and its history row
        runFor(Duration.ofSeconds(warmupSeconds), CLIENTS, 2900, (t, d) -> rawCreate(same, d));
        CpuWindow creates = new CpuWindow(-1);
        long made = runFor(Duration.ofSeconds(durationSeconds), CLIENTS, 3000, (t, d) -> rawCreate(same, d));
        creates.end(made);
        closeConnections();
        p3Cpu.put("rawCreate", creates.toMap());
        details.put("P3cpu", p3Cpu);
        double sameRows = made / (double) durationSeconds;
        log("P3 raw, same rows: " + made + " creates in " + durationSeconds + " s (" + fmt(sameRows) + "/s); " + creates);
        // P3, one-row baseline (kept for reference): one customer insert per transaction, 16 threads, same database
        runFor(Duration.ofSeconds(warmupSeconds), CLIENTS, 1900, (t, d) -> rawInsert(d));
        CpuWindow inserts = new CpuWindow(-1);
        long ok = runFor(Duration.ofSeconds(durationSeconds), CLIENTS, 2000, (t, d) -> rawInsert(d));
        inserts.end(ok);
        closeConnections();
        p3Cpu.put("rawInsert", inserts.toMap());
        double raw = ok / (double) durationSeconds;
        log("P3 raw, one row: " + ok + " inserts in " + durationSeconds + " s (" + fmt(raw) + "/s); " + inserts);

        figure("P3", "POST /customers, 16 clients, " + durationSeconds + " s after a " + warmupSeconds + " s warm-up", apiRate, "req/s",
                sameRows, "creates/s (raw JDBC, same rows: customer + words + history per tx)", apiRate / sameRows, ">= 0.40x",
                apiRate / sameRows >= 0.40);
        figure("P3·1", "the same, against the one-row baseline", apiRate, "req/s", raw, "inserts/s (raw JDBC, 1 row per tx)",
                apiRate / raw, "(reference)", null);

        long t2 = System.nanoTime();
        try (Connection c = connect()) {
            refreshStatistics(c);
            c.setAutoCommit(false);
            log("deleted the " + SameRowsWriter.delete(c, BASELINE_AGENCY) + " baseline customers with their words and history in "
                    + fmt(seconds(t2)) + " s");
            c.commit();
        }

        // P5/P6 data: seed up to N customers with batch inserts
        seed();
        shutdownDerby();
    }

    boolean rawInsert(Data d) throws SQLException {
        Connection c = threadConnection();
        try (PreparedStatement ps = c.prepareStatement(Data.INSERT)) {
            Instant now = Instant.now();
            Data.bind(ps, uuid(d), BASELINE_AGENCY, d.next(), now, now);
            ps.executeUpdate();
        }
        c.commit();
        return true;
    }

    boolean rawCreate(SameRowsWriter same, Data d) throws SQLException {
        Connection c = threadConnection();
        same.create(c, BASELINE_AGENCY, d.next(), Instant.now());
        c.commit();
        return true;
    }

    /** This load thread's connection to the database (transactions committed by the caller). */
    Connection threadConnection() throws SQLException {
        Connection c = CONNECTIONS.get();
        if (c == null) {
            c = connect();
            c.setAutoCommit(false);
            CONNECTIONS.set(c);
            OPEN.add(c);
        }
        return c;
    }

    /** Closes the load threads' connections once their phase is over. */
    static void closeConnections() {
        synchronized (OPEN) {
            for (Connection c : OPEN) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the phase is over either way
                }
            }
            OPEN.clear();
        }
    }

    static final ThreadLocal<Connection> CONNECTIONS = new ThreadLocal<>();
    static final List<Connection> OPEN = java.util.Collections.synchronizedList(new ArrayList<>());

    static String uuid(Data d) {
        return d.nextId().toString();
    }

    /**
     * On a PostgreSQL server whose autovacuum is off, runs {@code ANALYZE} every 30 s in its place, as autovacuum's
     * autoanalyze would on a server set up as PostgreSQL ships (a table is analysed once 50 rows plus 10 % changed,
     * checked every minute). Without it, every figure after a bulk write measured the planner's guesses for empty
     * tables (a create's read-back walked all of the agency's customers: eighth session), not the platform.
     */
    private java.util.concurrent.ScheduledExecutorService standInForAutovacuum() throws SQLException {
        if (!"postgresql".equals(db)) {
            return null;
        }
        try (Connection c = connect(); java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW autovacuum")) {
            rs.next();
            if (!"off".equals(rs.getString(1))) {
                details.put("autovacuumStandIn", false);
                return null;
            }
        }
        details.put("autovacuumStandIn", "ANALYZE every 30 s (the server's autovacuum is off)");
        log("PostgreSQL's autovacuum is off on this server: the bench runs ANALYZE every 30 s in its place");
        java.util.concurrent.ScheduledExecutorService analyzer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-autoanalyze");
            t.setDaemon(true);
            return t;
        });
        analyzer.scheduleWithFixedDelay(() -> {
            try (Connection c = connect(); java.sql.Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            } catch (SQLException e) {
                log("ANALYZE stand-in failed: " + e.getMessage());
            }
        }, 30, 30, java.util.concurrent.TimeUnit.SECONDS);
        return analyzer;
    }

    /**
     * On PostgreSQL, refreshes the planner's statistics before the baselines' rows are deleted. The schema is migrated
     * empty and the bench writes 100,000s of rows within a minute, faster than autovacuum's autoanalyze follows: with
     * the statistics of empty tables, the foreign-key check of each deleted customer took 35 ms (2000 rows: 70 s;
     * after ANALYZE 46 ms), and deleting one baseline ran for over 13 minutes. In production autovacuum does this.
     */
    private void refreshStatistics(Connection c) throws SQLException {
        if ("postgresql".equals(db)) {
            long t = System.nanoTime();
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
            log("ANALYZE (PostgreSQL) in " + fmt(seconds(t)) + " s");
        }
    }

    void seed() throws SQLException {
        long existing;
        try (Connection c = connect()) {
            existing = Data.count(c, agencyId);
        }
        long toSeed = Math.max(Data.RARE_COUNT, customers - existing);
        long every = Math.max(1, toSeed / Data.RARE_COUNT);
        log("seeding " + toSeed + " customers (" + existing + " already there)");
        long t0 = System.nanoTime();
        Random when = new Random(SEED + 7);
        Instant end = Instant.parse("2026-01-01T00:00:00Z");
        long span = Duration.ofDays(730).toSeconds();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            Data d = new Data(SEED + 7);
            try (PreparedStatement ps = c.prepareStatement(Data.INSERT)) {
                for (long i = 0; i < toSeed; i++) {
                    Data.Row r = d.next();
                    if (i % every == 0 && i / every < Data.RARE_COUNT) {
                        r = d.withRareWord(r);
                    }
                    Instant created = end.minusSeconds((long) (when.nextDouble() * span));
                    Instant updated = created.plusSeconds((long) (when.nextDouble() * Duration.between(created, end).toSeconds()));
                    Data.bind(ps, uuid(d), agencyId, r, created, updated);
                    ps.addBatch();
                    if ((i + 1) % 2000 == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                    if ((i + 1) % 100_000 == 0) {
                        log("  seeded " + (i + 1));
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
        details.put("seeded", Map.of("rows", toSeed, "seconds", seconds(t0)));
        log("seeded " + toSeed + " in " + fmt(seconds(t0)) + " s");
    }

    // ---------------------------------------------------------------- P5, P6 through the API

    void startPlatformWithData() throws Exception {
        long t0 = System.nanoTime();
        platform.start();
        running = true;
        platform.monitorHeap();
        await("health UP", Duration.ofMinutes(10), () -> api.healthUp() != null);
        details.put("startWithDataSeconds", seconds(t0));
        log("restarted with data in " + fmt(seconds(t0)) + " s; waiting for the search indexer");
        boolean indexed = platform.awaitLog("customers for text search", Duration.ofMinutes(indexerTimeoutMinutes));
        if (indexed) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Indexed (\\d+) customers for text search").matcher(platform.log());
            details.put("indexerSecondsAfterStart", seconds(t0));
            log("indexer: " + (m.find() ? m.group(1) : "?") + " customers indexed, " + fmt(seconds(t0)) + " s after start");
        } else {
            details.put("indexerSecondsAfterStart", "not finished after " + indexerTimeoutMinutes + " min: search figures measured while it runs");
            log("WARNING: the search indexer did not finish within " + indexerTimeoutMinutes + " min; measuring anyway");
        }
        api.login(SLUG, AGENCY_PASSWORD);
        HttpResponse<String> first = api.get("/v1/customers?limit=1");
        check(first.statusCode() == 200, "list answered " + first.statusCode());
    }

    final Map<String, double[]> apiLatency = new LinkedHashMap<>();
    String[] page1000Key; // updatedAt, id of the last row before page `pages`
    int deepestPage;

    void readsThroughApi() throws Exception {
        apiLatency.put("filtered", latency("/v1/customers?state=SP"));
        apiLatency.put("searchRare", latency("/v1/customers?q=" + Data.RARE_WORD.toLowerCase(Locale.ROOT)));
        apiLatency.put("searchCommon", latency("/v1/customers?q=" + Data.COMMON_WORD.toLowerCase(Locale.ROOT)));
        int rare = Api.JSON.readTree(api.get("/v1/customers?limit=500&q=" + Data.RARE_WORD).body()).path("items").size();
        details.put("searchRareMatches", rare);
        apiLatency.put("page1", latency("/v1/customers?sort=-updatedAt"));
        // walk the cursors to page `pages`
        String cursor = null;
        JsonNode lastItem = null;
        long t0 = System.nanoTime();
        int page = 1;
        for (; page < pages; page++) {
            JsonNode body = Api.JSON.readTree(api.get("/v1/customers?sort=-updatedAt" + (cursor == null ? "" : "&cursor=" + Api.enc(cursor))).body());
            String next = body.path("nextCursor").isTextual() ? body.path("nextCursor").asText() : null;
            if (next == null) {
                break;
            }
            cursor = next;
            JsonNode items = body.path("items");
            lastItem = items.get(items.size() - 1);
        }
        deepestPage = page;
        details.put("walkToPageSeconds", seconds(t0));
        check(cursor != null, "the list has a single page");
        page1000Key = new String[] {lastItem.path("updatedAt").asText(), lastItem.path("id").asText()};
        apiLatency.put("page" + deepestPage, latency("/v1/customers?sort=-updatedAt&cursor=" + Api.enc(cursor)));
        log("API latencies (p50/p95/p99 ms): " + describe(apiLatency));

        // P6: export all as CSV
        long t1 = System.nanoTime();
        HttpResponse<InputStream> r = api.getStream("/v1/customers/export?format=csv");
        check(r.statusCode() == 200, "export answered " + r.statusCode());
        long lines = 0;
        long bytes = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double s = seconds(t1);
        long rows = lines - 1;
        details.put("P6api", Map.of("rows", rows, "bytes", bytes, "seconds", s));
        details.put("p6ApiRowsPerSecond", rows / s);
        log("P6 API: exported " + rows + " rows (" + bytes + " bytes) in " + fmt(s) + " s (" + fmt(rows / s) + " rows/s)");
    }

    double[] latency(String path) throws Exception {
        for (int i = 0; i < 20; i++) {
            check(api.get(path).statusCode() == 200, path);
        }
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = api.get(path);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            check(r.statusCode() == 200, path + " answered " + r.statusCode());
        }
        return percentiles(ms);
    }

    // ---------------------------------------------------------------- P2 (hot deploy under load)

    void hotDeploy() throws Exception {
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<String> failureSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = api.get("/v1/customers?limit=20");
                        requests.incrementAndGet();
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                            if (failureSamples.size() < 5) {
                                failureSamples.add(r.statusCode() + " " + r.body());
                            }
                        }
                    } catch (Exception e) {
                        requests.incrementAndGet();
                        failures.incrementAndGet();
                        if (failureSamples.size() < 5) {
                            failureSamples.add(e.toString());
                        }
                    }
                }
            }, "p2-load-" + t);
            th.start();
            load.add(th);
        }
        List<Double> deploy = new ArrayList<>();
        // the features service through Karaf's JMX connector, so that the time is the install's, not a client JVM's start
        javax.management.remote.JMXConnector jmx = javax.management.remote.JMXConnectorFactory.connect(
                new javax.management.remote.JMXServiceURL(platform.jmxUrl()),
                Map.of(javax.management.remote.JMXConnector.CREDENTIALS, new String[] {"admin", operatorPassword}));
        javax.management.ObjectName features = new javax.management.ObjectName("org.apache.karaf:type=feature,name=root");
        javax.management.MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
        try {
            for (int i = 0; i < p2Cycles; i++) {
                mbeans.invoke(features, "uninstallFeature", new Object[] {"clientele-budget"}, new String[] {String.class.getName()});
                await("budget endpoint gone", Duration.ofMinutes(2), () -> status("/v1/budgets") == 404);
                long t0 = System.nanoTime();
                mbeans.invoke(features, "installFeature", new Object[] {"clientele-budget"}, new String[] {String.class.getName()});
                await("budget endpoint back", Duration.ofMinutes(2), () -> status("/v1/budgets") == 200);
                deploy.add(seconds(t0));
            }
        } finally {
            jmx.close();
            stop.set(true);
            for (Thread th : load) {
                th.join();
            }
        }
        double median = median(deploy);
        double max = deploy.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        details.put("P2", Map.of("deploySeconds", deploy, "requests", requests.get(), "failed", failures.get(),
                "failureSamples", failureSamples, "note", "FeaturesMBean installFeature over JMX until GET /v1/budgets answers 200"));
        figure("P2", "hot deploy under load, " + p2Cycles + " cycles: median s (max " + fmt(max) + "), "
                + failures.get() + "/" + requests.get() + " requests failed", median, "s", Double.NaN, "-",
                Double.NaN, "<= 2 s, 0 failed", median <= 2.0 && failures.get() == 0);
        log("P2: deploy median " + fmt(median) + " s, max " + fmt(max) + " s; " + failures.get() + " of " + requests.get() + " requests failed");
    }

    // ---------------------------------------------------------------- D1-D3 (webhook deliveries through the queue)

    void deliveries() {
        if (deliveryEvents <= 0) {
            return;
        }
        try {
            new Deliveries(this, deliveryEvents, deliverySubscriptions, deliverySamples).run();
        } catch (Exception e) { // the other figures are still worth having
            details.put("Derror", e.toString());
            log("D failed: " + e);
        }
    }

    int status(String path) {
        try {
            return api.get(path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- P5, P6 baselines (platform stopped)

    void readsRaw() throws Exception {
        Map<String, double[]> raw = new LinkedHashMap<>();
        String base = "SELECT * FROM customer WHERE agency_id = ? AND archived = ?";
        String fetch = " FETCH FIRST 51 ROWS ONLY";
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            raw.put("filtered", rawLatency(c, base + " AND state = ? ORDER BY name_lower, id" + fetch, agencyId, false, "SP"));
            raw.put("searchRare", rawSearchLatency(c, base, fetch, Data.RARE_WORD.toLowerCase(Locale.ROOT)));
            raw.put("searchCommon", rawSearchLatency(c, base, fetch, Data.COMMON_WORD.toLowerCase(Locale.ROOT)));
            raw.put("page1", rawLatency(c, base + " ORDER BY updated_at DESC, id DESC" + fetch, agencyId, false));
            Timestamp key = Timestamp.from(Instant.parse(page1000Key[0]));
            raw.put("page" + deepestPage, rawKeysetLatency(c, base, key, page1000Key[1]));
            log("raw JDBC latencies (p50/p95/p99 ms): " + describe(raw));

            // P6 baseline: the full read
            long t0 = System.nanoTime();
            long rows = readAll(c, base + " ORDER BY name_lower, id", agencyId, false);
            c.commit();
            double s = seconds(t0);
            double rawRate = rows / s;
            double apiRate = (double) details.get("p6ApiRowsPerSecond");
            figure("P6", "export " + rows + " customers as CSV", apiRate, "rows/s", rawRate, "rows/s (raw JDBC full read)",
                    apiRate / rawRate, ">= 100000 rows/s", apiRate >= 100_000);
            log("P6 raw: read " + rows + " rows in " + fmt(s) + " s (" + fmt(rawRate) + " rows/s)");
            details.put("customersAtEnd", rows);
        }
        shutdownDerby();
        double[] f = apiLatency.get("filtered");
        figure("P5a", "list, state=SP first page, p95", f[1], "ms", raw.get("filtered")[1], "ms (raw JDBC keyset query)",
                f[1] / raw.get("filtered")[1], "p95 <= 30 ms", f[1] <= 30);
        double[] sr = apiLatency.get("searchRare");
        figure("P5b", "search q=rare word (" + details.get("searchRareMatches") + " hits), p95", sr[1], "ms", raw.get("searchRare")[1],
                "ms (raw JDBC: indexed words, then keyset page)", sr[1] / raw.get("searchRare")[1], "p95 <= 50 ms", sr[1] <= 50);
        double[] sc = apiLatency.get("searchCommon");
        figure("P5c", "search q=common word, p95", sc[1], "ms", raw.get("searchCommon")[1], "ms (raw JDBC: indexed words, then keyset page)",
                sc[1] / raw.get("searchCommon")[1], "p95 <= 50 ms", sc[1] <= 50);
        double[] p1 = apiLatency.get("page1");
        figure("P5d", "list sort=-updatedAt page 1, p95", p1[1], "ms", raw.get("page1")[1], "ms (raw JDBC keyset query)",
                p1[1] / raw.get("page1")[1], "p95 <= 30 ms", p1[1] <= 30);
        double[] pd = apiLatency.get("page" + deepestPage);
        figure("P5e", "list sort=-updatedAt page " + deepestPage + " (cursor), p95", pd[1], "ms", p1[1], "ms (page 1 through the API)",
                pd[1] / p1[1], "<= 1.5x page 1", pd[1] / p1[1] <= 1.5);
        Map<String, Object> lat = new LinkedHashMap<>();
        apiLatency.forEach((k, v) -> lat.put(k, Map.of("api", pctMap(v), "rawJdbc", pctMap(raw.get(k)))));
        details.put("P5latencyMs", lat);
    }

    /**
     * The raw equivalent of a one-word text search: the customers having a word starting with it, from the indexed
     * words (at most 1,001), then their first page in name order; with more candidates, the first page in name
     * order whose search words contain it.
     */
    double[] rawSearchLatency(Connection c, String base, String fetch, String word) throws SQLException {
        double[] ms = new double[samples];
        for (int i = -20; i < samples; i++) {
            long t0 = System.nanoTime();
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT customer_id FROM customer_search_term WHERE agency_id = ? AND term LIKE ?"
                    + " FETCH FIRST 1001 ROWS ONLY")) {
                ps.setString(1, agencyId);
                ps.setString(2, word + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            String sql;
            List<Object> params = new ArrayList<>(List.of(agencyId, false));
            // the platform's conditions: the word check always, and the candidates when the word is rare
            sql = base + " AND search_text LIKE ?";
            params.add("% " + word + "%");
            if (ids.size() <= 1000) {
                sql += " AND id IN (" + String.join(", ", java.util.Collections.nCopies(Math.max(1, ids.size()), "?")) + ")";
                params.addAll(ids.isEmpty() ? List.of("-") : ids);
            }
            readAll(c, sql + " ORDER BY name_lower, id" + fetch, params.toArray());
            c.commit();
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return percentiles(ms);
    }

    /**
     * A page after a cursor the way the platform reads it: the rows sharing the cursor's sort value with a later id,
     * then (when the page is not full) the rows past that value; each is one index range with an exact start key.
     */
    double[] rawKeysetLatency(Connection c, String base, Timestamp key, String id) throws SQLException {
        String order = " ORDER BY updated_at DESC, id DESC FETCH FIRST ";
        double[] ms = new double[samples];
        for (int i = -20; i < samples; i++) {
            long t0 = System.nanoTime();
            int rows = readAll(c, base + " AND updated_at = ? AND id < ?" + order + "51 ROWS ONLY", agencyId, false, key, id);
            if (rows < 51) {
                readAll(c, base + " AND updated_at < ?" + order + (51 - rows) + " ROWS ONLY", agencyId, false, key);
            }
            c.commit();
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return percentiles(ms);
    }

    /** Runs the query and reads every column of every row; returns the row count. */
    static int readAll(Connection c, String sql, Object... params) throws SQLException {
        int rows = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(1000);
            for (int p = 0; p < params.length; p++) {
                ps.setObject(p + 1, params[p]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int k = 1; k <= cols; k++) {
                        rs.getObject(k);
                    }
                    rows++;
                }
            }
        }
        return rows;
    }

    double[] rawLatency(Connection c, String sql, Object... params) throws SQLException {
        double[] ms = new double[samples];
        for (int i = -20; i < samples; i++) {
            long t0 = System.nanoTime();
            readAll(c, sql, params);
            c.commit();
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return percentiles(ms);
    }

    // ---------------------------------------------------------------- P7

    void memory() throws Exception {
        long usedMb = platform.peakUsedKb() / 1024;
        long committedMb = platform.peakCommittedKb() / 1024;
        long oom = platform.log().lines().filter(l -> l.contains("OutOfMemoryError")).count();
        details.put("P7", Map.of("peakHeapUsedMb", usedMb, "peakHeapCommittedMb", committedMb, "xmxMb", details.getOrDefault("xmxMb", -1),
                "outOfMemoryErrorsInLog", oom, "source", "jstat -gc <pid> 2000 over every run after the cold starts"));
        Object xmx = details.getOrDefault("xmxMb", -1L);
        figure("P7", "peak heap used (jstat; runtime max heap " + xmx + " MB), OOM errors in log: " + oom, usedMb, "MB", 512,
                "MB (the 512 MB of quality.md P7)", usedMb / 512.0, "inside -Xmx512M, no OOM", usedMb <= 512 && oom == 0);
    }

    // ---------------------------------------------------------------- in-process pieces (JMH)

    /** Runs RegistryPiecesBenchmark (JMH, one fork) and reports each piece beside its baseline. */
    void inProcessPieces() throws Exception {
        org.openjdk.jmh.runner.options.Options options = new org.openjdk.jmh.runner.options.OptionsBuilder()
                .include(io.clientele.customer.impl.internal.RegistryPiecesBenchmark.class.getName()).build();
        Map<String, org.openjdk.jmh.results.Result<?>> scores = new LinkedHashMap<>();
        for (org.openjdk.jmh.results.RunResult r : new org.openjdk.jmh.runner.Runner(options).run()) {
            String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            scores.put(method, r.getPrimaryResult());
        }
        Map<String, Object> jmhScores = new LinkedHashMap<>();
        scores.forEach((k, v) -> jmhScores.put(k, Map.of("score", round(v.getScore()), "error", round(v.getScoreError()), "unit", v.getScoreUnit())));
        details.put("jmh", jmhScores);
        double words = scores.get("searchWordsOfACustomer").getScore();
        double split = scores.get("searchWordsBaselineLowerCaseSplit").getScore();
        figure("J1", "search words of one customer (JMH; done per create, import row, indexed row)", words, "ops/s", split,
                "ops/s (lower-case and split the same text)", words / split, ">= 20000/s (P4's row rate)", words >= 20_000);
        double sorted = scores.get("sortExportLinesThroughTemporaryFiles").getScore();
        double inMemory = scores.get("sortExportLinesBaselineInMemory").getScore();
        figure("J2", "sort 100,000 export lines through temporary files (JMH)", sorted, "ms", inMemory, "ms (sorted in memory)",
                sorted / inMemory, "<= 1000 ms (P6's 100,000 rows/s)", sorted <= 1000);
    }

    // ---------------------------------------------------------------- platform and database plumbing

    void stopPlatform() throws Exception {
        if (running) {
            details.putIfAbsent("xmxMb", platform.maxHeapMb());
            platform.stop();
            running = false;
        }
    }

    Connection connect() throws SQLException {
        if (db.equals("postgresql")) {
            return DriverManager.getConnection(pgUrl(PG_DATABASE), pgUser, pgPassword);
        }
        return DriverManager.getConnection("jdbc:derby:" + platform.home.resolve("data/clientele/db"));
    }

    void shutdownDerby() {
        closeConnections();
        if (!db.equals("derby")) {
            return;
        }
        try {
            DriverManager.getConnection("jdbc:derby:" + platform.home.resolve("data/clientele/db") + ";shutdown=true").close();
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                System.err.println("Derby shutdown: " + e);
            }
        }
    }

    String pgUrl(String database) {
        return "jdbc:postgresql://" + pgHost + "/" + database;
    }

    void recreatePostgres() throws SQLException {
        try (Connection c = DriverManager.getConnection(pgUrl("postgres"), pgUser, pgPassword); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + PG_DATABASE);
        }
    }

    String databaseVersion() {
        try (Connection c = db.equals("postgresql") ? DriverManager.getConnection(pgUrl("postgres"), pgUser, pgPassword)
                : DriverManager.getConnection("jdbc:derby:memory:probe;create=true")) {
            DatabaseMetaData md = c.getMetaData();
            return md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
        } catch (SQLException e) {
            return db + " (" + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------- load, timing, statistics

    interface Action {
        boolean run(int thread, Data data) throws Exception;
    }

    /** P3's CPU per request: the platform's, the load generator's (this JVM) and the raw inserts' (this JVM). */
    final Map<String, Object> p3Cpu = new LinkedHashMap<>();

    /**
     * CPU time used by the platform's process and by this JVM between its creation and {@link #end}, per operation
     * done in between. The machine's cores are what a throughput figure runs out of, so this says where they went.
     */
    static final class CpuWindow {
        private final ProcessHandle platform;
        private final long wallStart = System.nanoTime();
        private final Duration platformStart;
        private final Duration selfStart;
        private long operations;
        private double seconds;
        private Duration platformUsed;
        private Duration selfUsed;

        /** {@code platformPid} -1: only this JVM is measured. */
        CpuWindow(long platformPid) {
            this.platform = platformPid < 0 ? null : ProcessHandle.of(platformPid).orElse(null);
            this.platformStart = cpu(platform);
            this.selfStart = cpu(ProcessHandle.current());
        }

        private static Duration cpu(ProcessHandle p) {
            return p == null ? Duration.ZERO : p.info().totalCpuDuration().orElse(Duration.ZERO);
        }

        void end(long operations) {
            this.operations = Math.max(1, operations);
            this.seconds = (System.nanoTime() - wallStart) / 1e9;
            this.platformUsed = cpu(platform).minus(platformStart);
            this.selfUsed = cpu(ProcessHandle.current()).minus(selfStart);
        }

        double platformMicrosPerOperation() {
            return platformUsed.toNanos() / 1e3 / operations;
        }

        double selfMicrosPerOperation() {
            return selfUsed.toNanos() / 1e3 / operations;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("operations", operations);
            m.put("seconds", round(seconds));
            if (platform != null) {
                m.put("platformCores", round(platformUsed.toNanos() / 1e9 / seconds));
                m.put("platformMicrosPerOperation", round(platformMicrosPerOperation()));
            }
            m.put("benchCores", round(selfUsed.toNanos() / 1e9 / seconds));
            m.put("benchMicrosPerOperation", round(selfMicrosPerOperation()));
            return m;
        }

        @Override
        public String toString() {
            String self = "this JVM " + fmt(selfUsed.toNanos() / 1e9 / seconds) + " cores, " + fmt(selfMicrosPerOperation()) + " µs CPU each";
            return platform == null ? self
                    : "platform " + fmt(platformUsed.toNanos() / 1e9 / seconds) + " cores, " + fmt(platformMicrosPerOperation())
                            + " µs CPU each; " + self.replace("this JVM", "load generator");
        }
    }

    /** Runs the action in `threads` threads until the duration is over; returns how many calls returned true. */
    static long runFor(Duration duration, int threads, long seedBase, Action action) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> all = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                Data d = new Data(SEED + seedBase + thread);
                try {
                    while (System.nanoTime() < deadline) {
                        if (action.run(thread, d)) {
                            ok.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "load-" + t);
            th.start();
            all.add(th);
        }
        for (Thread th : all) {
            th.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("load thread failed", errors.get(0));
        }
        return ok.get();
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static double[] percentiles(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return new double[] {pct(s, 50), pct(s, 95), pct(s, 99)};
    }

    static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static Map<String, Object> pctMap(double[] v) {
        return Map.of("p50", round(v[0]), "p95", round(v[1]), "p99", round(v[2]));
    }

    static String describe(Map<String, double[]> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append(' ').append(fmt(v[0])).append('/').append(fmt(v[1])).append('/').append(fmt(v[2])).append("; "));
        return b.toString();
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    static void log(String message) {
        System.out.println("[" + DateTimeFormatter.ISO_LOCAL_TIME.format(java.time.LocalTime.now()).replaceAll("\\.\\d+$", "") + "] " + message);
    }

    static Path find(List<Path> dirs, String prefix, String suffix) throws IOException {
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    var hit = s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(suffix)).findFirst();
                    if (hit.isPresent()) {
                        return hit.get();
                    }
                }
            }
        }
        throw new IOException("no " + prefix + "*" + suffix + " in " + dirs + " (build it first, see README \"Benchmark\")");
    }

    /** One row of the table; {@code met} null for a row shown for reference only (no target of its own). */
    void figure(String id, String what, double value, String unit, double baseline, String baselineUnit, double ratio, String target, Boolean met) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("what", what);
        f.put("value", round(value));
        f.put("unit", unit);
        f.put("baseline", round(baseline));
        f.put("baselineUnit", baselineUnit);
        f.put("ratio", round(ratio));
        f.put("target", target);
        f.put("met", met);
        figures.add(f);
        log("figure " + f); // so that an interrupted run still leaves every figure measured so far in its output
    }

    void report() throws IOException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryGiB", memoryGiB());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("database", databaseVersion() + (db.equals("derby") ? " (embedded)" : ""));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("date", DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0)));
        doc.put("machine", machine);
        doc.put("options", Map.of("customers", customers, "db", db, "p3Seconds", durationSeconds, "p3WarmupSeconds", warmupSeconds, "importRows", importRows,
                "samples", samples, "startRuns", startRuns, "p2Cycles", p2Cycles, "pages", pages, "seed", SEED));
        doc.put("figures", figures);
        doc.put("details", details);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), doc);

        StringBuilder t = new StringBuilder();
        t.append("\nClientele benchmark, ").append(doc.get("date")).append('\n');
        t.append("machine: ").append(machine).append('\n');
        t.append(String.format(Locale.ROOT, "| %-4s | %-70s | %18s | %-48s | %7s | %-28s | %-4s |%n", "id", "figure", "value", "baseline",
                "ratio", "target", "met"));
        t.append("|------|").append("-".repeat(72)).append("|").append("-".repeat(20)).append("|").append("-".repeat(50))
                .append("|---------|").append("-".repeat(30)).append("|------|\n");
        for (Map<String, Object> f : figures) {
            t.append(String.format(Locale.ROOT, "| %-4s | %-70s | %18s | %-48s | %7s | %-28s | %-4s |%n", f.get("id"), f.get("what"),
                    fmt((double) f.get("value")) + " " + f.get("unit").toString().replaceAll(" .*", ""),
                    fmt((double) f.get("baseline")) + " " + f.get("baselineUnit"), fmt((double) f.get("ratio")), f.get("target"),
                    f.get("met") == null ? "–" : (boolean) f.get("met") ? "yes" : "NO"));
        }
        p3CpuLines(t);
        System.out.println(t);
        Files.writeString(out.resolveSibling(out.getFileName().toString().replaceAll("\\.json$", "") + ".md"), t.toString());
        System.out.println("JSON: " + out.toAbsolutePath());
    }

    /** Under the table: P3's CPU per request, what the target leaves per create, and P4's absolute rate and progress. */
    void p3CpuLines(StringBuilder t) {
        if (p3Cpu.get("create") instanceof Map<?, ?> create && p3Cpu.get("getOne") instanceof Map<?, ?> get
                && p3Cpu.get("rawInsert") instanceof Map<?, ?> raw && p3Cpu.get("rawCreate") instanceof Map<?, ?> same) {
            double samePerSecond = ((Number) same.get("operations")).doubleValue() / ((Number) same.get("seconds")).doubleValue();
            int cores = Runtime.getRuntime().availableProcessors();
            t.append(String.format(Locale.ROOT, "%nP3, CPU per request (µs; platform + load generator): POST /customers %s + %s;"
                            + " GET /customers/{id} %s + %s; raw JDBC create of the same rows %s; raw JDBC one-row insert %s.%n",
                    fmt((double) create.get("platformMicrosPerOperation")), fmt((double) create.get("benchMicrosPerOperation")),
                    fmt((double) get.get("platformMicrosPerOperation")), fmt((double) get.get("benchMicrosPerOperation")),
                    fmt((double) same.get("benchMicrosPerOperation")), fmt((double) raw.get("benchMicrosPerOperation"))));
            t.append(String.format(Locale.ROOT, "At 0.40 × the same-rows rate (%s/s) the %d cores leave %s µs of CPU per create, load "
                    + "generator included.%n", fmt(0.4 * samePerSecond), cores, fmt(cores * 1e6 / (0.4 * samePerSecond))));
        }
        if (details.get("p4ApiRowsPerSecond") instanceof Double p4 && !p4.isNaN()) {
            t.append(String.format(Locale.ROOT, "P4 absolute: %s rows/s (quality.md's anchor: NocoBase ≈ 16,700 simple rows/s); progress "
                    + "while importing: %s.%n", fmt(p4), details.get("P4progress")));
        }
    }

    static double memoryGiB() {
        try {
            for (String l : Files.readAllLines(Paths.get("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return Double.NaN;
    }
}
