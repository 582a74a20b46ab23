package io.clientele.bench.providers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

/**
 * Issue 18 item 1, the create half: what each JPA 2.2 provider costs a customer create, in one run on one database,
 * interleaved with raw JDBC writing the same row. Every create is one transaction on a connection from one HikariCP
 * pool, on embedded Derby on disk: raw JDBC (one prepared insert), EclipseLink 2.7 and Hibernate 5.6 (an EntityManager
 * per create, {@code persist}, commit), each unit unwoven, without a shared cache, as the platform's units are.
 * Reported: creates per second and the process's CPU time per create (the platform's own share of P3's create is the
 * part a provider can change; the commit's log write is the same for all three).
 *
 * <pre>java -cp bench/target/clientele-bench.jar io.clientele.bench.providers.ProviderCreates [--threads 8]
 *     [--warmup 15] [--duration 15] [--rounds 3]</pre>
 */
public final class ProviderCreates {

    /** One way of creating a customer. */
    interface Variant {
        String name();

        void create(long n) throws Exception;
    }

    private ProviderCreates() {
    }

    public static void main(String[] args) throws Exception {
        int threads = 8;
        int warmup = 15;
        int duration = 15;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("clientele-providers");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:derby:" + dir.resolve("db") + ";create=true");
        config.setMaximumPoolSize(threads);
        config.setAutoCommit(false);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute(BenchCustomer.DDL);
                c.commit();
            }
            String agency = UUID.randomUUID().toString();
            Map<String, Object> eclipseLinkProperties = Map.of("eclipselink.weaving", "false", "eclipselink.logging.level", "WARNING",
                    "eclipselink.target-database", "Derby", "eclipselink.ddl-generation", "none");
            EntityManagerFactory eclipseLink = new org.eclipse.persistence.jpa.PersistenceProvider().createContainerEntityManagerFactory(
                    new Unit("bench-eclipselink", org.eclipse.persistence.jpa.PersistenceProvider.class.getName(), pool), eclipseLinkProperties);
            Map<String, Object> hibernateProperties = Map.of("hibernate.dialect", "org.hibernate.dialect.DerbyTenSevenDialect",
                    "hibernate.hbm2ddl.auto", "none", "hibernate.temp.use_jdbc_metadata_defaults", "false");
            EntityManagerFactory hibernate = new org.hibernate.jpa.HibernatePersistenceProvider().createContainerEntityManagerFactory(
                    new Unit("bench-hibernate", org.hibernate.jpa.HibernatePersistenceProvider.class.getName(), pool), hibernateProperties);
            List<Variant> variants = List.of(raw(pool, agency), jpa("EclipseLink 2.7", eclipseLink, agency), jpa("Hibernate 5.6", hibernate, agency));
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Variant v : variants) {
                    run(v, threads, warmup);
                    long before = rows(pool);
                    double[] measured = run(v, threads, duration);
                    if (rows(pool) - before != (long) measured[2]) {
                        throw new IllegalStateException(v.name() + " reported " + (long) measured[2] + " creates, the table holds "
                                + (rows(pool) - before) + " more rows");
                    }
                    results.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(measured);
                    System.out.printf("round %d %-16s %8.0f creates/s %8.0f µs CPU per create%n", round, v.name(), measured[0], measured[1]);
                }
            }
            eclipseLink.close();
            hibernate.close();
            print(results, threads);
        }
    }

    /** The rows of the table: every reported create must have committed one. */
    private static long rows(HikariDataSource pool) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bench_customer")) {
            rs.next();
            long n = rs.getLong(1);
            c.commit();
            return n;
        }
    }

    private static Variant raw(HikariDataSource pool, String agency) {
        return new Variant() {
            @Override
            public String name() {
                return "raw JDBC";
            }

            @Override
            public void create(long n) throws Exception {
                try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(BenchCustomer.INSERT)) {
                    Object[] values = BenchCustomer.number(UUID.randomUUID().toString(), agency, n, Instant.now()).values();
                    for (int i = 0; i < values.length; i++) {
                        ps.setObject(i + 1, values[i]);
                    }
                    ps.executeUpdate();
                    c.commit();
                }
            }
        };
    }

    private static Variant jpa(String name, EntityManagerFactory unit, String agency) {
        return new Variant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void create(long n) {
                EntityManager em = unit.createEntityManager();
                try {
                    em.getTransaction().begin();
                    em.persist(BenchCustomer.number(UUID.randomUUID().toString(), agency, n, Instant.now()));
                    em.getTransaction().commit();
                } finally {
                    em.close();
                }
            }
        };
    }

    private static final AtomicLong NUMBER = new AtomicLong();

    /** Runs {@code v} on {@code threads} threads for {@code seconds}: creates per second, and µs of process CPU per create. */
    private static double[] run(Variant v, int threads, int seconds) throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(threads);
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        try {
                            v.create(NUMBER.incrementAndGet());
                            done.incrementAndGet();
                        } catch (Exception e) {
                            if (failed.incrementAndGet() == 1) {
                                e.printStackTrace();
                            }
                        }
                    }
                } finally {
                    finished.countDown();
                }
            });
            t.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        finished.await();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double cpuMicros = (os.getProcessCpuTime() - cpu0) / 1e3;
        if (failed.get() > 0) {
            throw new IllegalStateException(v.name() + ": " + failed.get() + " creates failed");
        }
        return new double[] {done.get() / elapsed, cpuMicros / Math.max(1, done.get()), done.get()};
    }

    private static void print(Map<String, List<double[]>> results, int threads) {
        double rawRate = median(results.get("raw JDBC"), 0);
        double rawCpu = median(results.get("raw JDBC"), 1);
        System.out.printf("%n%d threads, median of %d interleaved rounds, embedded Derby on disk%n", threads, results.get("raw JDBC").size());
        System.out.println("| variant | creates/s | × raw | CPU µs per create | × raw |");
        System.out.println("|---|---|---|---|---|");
        results.forEach((name, rounds) -> System.out.printf("| %s | %.0f | %.2f | %.0f | %.2f |%n", name, median(rounds, 0),
                median(rounds, 0) / rawRate, median(rounds, 1), median(rounds, 1) / rawCpu));
    }

    private static double median(List<double[]> rounds, int index) {
        double[] values = rounds.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
