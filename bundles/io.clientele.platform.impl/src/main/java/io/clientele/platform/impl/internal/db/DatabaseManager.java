package io.clientele.platform.impl.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Dialect;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the configured database once its JDBC driver is present, migrates the platform schema, and only
 * then registers {@link Database}: every component that needs the database therefore starts on a migrated
 * schema. The driver is chosen by the URL (Derby embedded or PostgreSQL), so switching is configuration only.
 * <p>
 * A database that cannot be opened — PostgreSQL down, or embedded Derby still running its crash recovery after the
 * process was killed — does not end the start: the first connection is waited for as long as it takes to open, and a
 * failure is retried with a growing pause ({@code openRetryMaxSeconds} at most), the reason reported by
 * {@link #unavailableReason()} (and so by {@code GET /health}) meanwhile. Once open, a request that cannot get a
 * connection within {@code connectionTimeoutMillis} is answered 503 with {@code Retry-After}.
 */
@Component(immediate = true, service = DatabaseManager.class, configurationPid = "io.clientele.database", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DatabaseConfig.class)
public class DatabaseManager {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseManager.class);
    static final String PLATFORM_CHANGELOG = "db/clientele-platform.xml";

    private final BundleContext context;
    private final ScheduledThreadPoolExecutor starter = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "clientele-db-start"));
    private ServiceTracker<DataSourceFactory, DataSourceFactory> tracker;
    private volatile HikariDataSource pool;
    private volatile ServiceRegistration<Database> registration;
    private volatile ServiceRegistration<javax.sql.DataSource> dataSourceRegistration;
    private volatile String unavailableReason = "waiting for the database driver";
    private ScheduledFuture<?> retry;
    private DataSourceFactory current;
    /** Completed once the database is open and migrated and its services registered (see {@link #opened()}). */
    private final CompletableFuture<Void> opened = new CompletableFuture<>();

    @Activate
    public DatabaseManager(BundleContext context, DatabaseConfig config) throws InvalidSyntaxException {
        this.context = context;
        starter.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        String url = effectiveUrl(config.url(), context.getProperty("karaf.data"));
        Dialect dialect = dialectOf(url);
        String driverClass = dialect == Dialect.POSTGRESQL ? "org.postgresql.Driver" : "org.apache.derby.jdbc.EmbeddedDriver";
        String filter = "(&(" + Constants.OBJECTCLASS + "=" + DataSourceFactory.class.getName() + ")("
                + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=" + driverClass + "))";
        tracker = new ServiceTracker<>(context, context.createFilter(filter), null) {
            @Override
            public DataSourceFactory addingService(ServiceReference<DataSourceFactory> reference) {
                DataSourceFactory factory = super.addingService(reference);
                DatabaseManager.this.start(factory, url, dialect, config);
                return factory;
            }

            @Override
            public void removedService(ServiceReference<DataSourceFactory> reference, DataSourceFactory service) {
                DatabaseManager.this.close();
                super.removedService(reference, service);
            }
        };
        tracker.open();
    }

    /**
     * Completes the first time the database is open and migrated and its {@code Database} and {@code DataSource}
     * services are registered. Registering them starts, on the registering thread, everything that waits for them at
     * boot (every persistence unit's EntityManagerFactory, the stores, the REST resources), so work that can wait
     * until the platform answers (the operator password's deliberately slow hash) starts from here instead of
     * competing with the start for the CPU.
     */
    public CompletionStage<Void> opened() {
        return opened;
    }

    /** Why the database is not available right now, or empty when it is open and migrated. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    private synchronized void start(DataSourceFactory factory, String url, Dialect dialect, DatabaseConfig config) {
        current = factory;
        unavailableReason = "opening the database";
        starter.submit(() -> open(factory, url, dialect, config, 1));
    }

    private synchronized void open(DataSourceFactory factory, String url, Dialect dialect, DatabaseConfig config, int attempt) {
        if (registration != null || factory != current || starter.isShutdown()) {
            return;
        }
        try {
            if (dialect == Dialect.DERBY) {
                applyDerbyPageCacheSize(config.derbyPageCacheSize());
                applyDerbyLockSettings(config.derbyLockEscalationThreshold(), config.derbyLockWaitTimeoutSeconds());
                DerbyTemplate.copyIfAbsent(DerbyTemplate.templateFolder(config.derbyTemplate(), context.getProperty("karaf.home")),
                        DerbyTemplate.databaseFolder(url));
            }
            Driver driver = factory.createDriver(new Properties());
            DriverDataSource connections = new DriverDataSource(driver, url, config.user(), config.password(), dialect);
            // the first connection boots embedded Derby, crash recovery included: wait for it however long it takes,
            // rather than let the pool's connection timeout cut the recovery short and fail the start
            try (Connection first = connections.getConnection()) {
                LOG.debug("database answers: {}", first.getMetaData().getDatabaseProductVersion());
            }
            HikariConfig hc = new HikariConfig();
            hc.setPoolName("clientele");
            hc.setDataSource(connections);
            hc.setMaximumPoolSize(Math.max(2, config.maxPoolSize()));
            hc.setAutoCommit(true);
            hc.setConnectionTimeout(Math.max(250, config.connectionTimeoutMillis()));
            // a pooled connection idle for a while is checked before it is handed out; a database gone silent must fail
            // that check well within the connection timeout (Hikari's default 5 s made each such request wait 5 s+)
            hc.setValidationTimeout(validationTimeoutMillis(config.connectionTimeoutMillis()));
            hc.setInitializationFailTimeout(-1);
            if (dialect == Dialect.POSTGRESQL) {
                checkEveryConnectionHandedOut();
            }
            pool = new HikariDataSource(hc);
            ThreadBoundDatabase database = new ThreadBoundDatabase(pool, dialect, new LiquibaseMigrator(),
                    config.statementTimeoutSeconds(), config.bulkStatementTimeoutSeconds());
            migrateAtStart(database);
            registration = context.registerService(Database.class, database, null);
            // spike (issue 18): the DataSource JPA persistence units name in persistence.xml
            // (osgi:service/javax.sql.DataSource/(osgi.jndi.service.name=clientele)); registered only now, after the
            // migrations, so Aries JPA cannot build an EntityManagerFactory on an unmigrated schema (gotcha 7)
            java.util.Hashtable<String, Object> dsProps = new java.util.Hashtable<>();
            dsProps.put("osgi.jndi.service.name", "clientele");
            dsProps.put("clientele.dialect", dialect.name());
            dataSourceRegistration = context.registerService(javax.sql.DataSource.class, new ThreadBoundDataSource(pool, database),
                    dsProps);
            unavailableReason = null;
            LOG.info("database ready: {} ({})", redact(url), dialect);
            opened.complete(null);
        } catch (SQLException | RuntimeException e) {
            closePool();
            long pause = retryPauseSeconds(attempt, config.openRetryMaxSeconds());
            unavailableReason = "cannot open the database (attempt " + attempt + "): " + e.getMessage() + "; trying again in "
                    + pause + " s";
            if (attempt == 1) {
                LOG.error("cannot open the database {}: {}; trying again in {} s, and on until it opens", redact(url),
                        e.getMessage(), pause, e);
            } else {
                LOG.warn("cannot open the database {} (attempt {}): {}; trying again in {} s", redact(url), attempt,
                        e.getMessage(), pause);
            }
            try {
                retry = starter.schedule(() -> open(factory, url, dialect, config, attempt + 1), pause, TimeUnit.SECONDS);
            } catch (RejectedExecutionException stopping) {
                LOG.debug("not retrying: the platform is stopping");
            }
        }
    }

    static final String ALIVE_BYPASS_WINDOW = "com.zaxxer.hikari.aliveBypassWindowMs";

    /**
     * PostgreSQL over a network: Hikari hands out a connection used in the last 500 ms without checking it, and a query on
     * a connection whose database has gone silent (hung, or packets dropped) then waits for good — requests hung for
     * minutes instead of being answered 503. Checking every connection handed out costs one round trip of an empty query
     * and turns that into a failed check within the validation timeout. Read by each new pool; a value the operator set
     * ({@code -Dcom.zaxxer.hikari.aliveBypassWindowMs=…}) wins. Embedded Derby has no network to lose and is left as it is.
     */
    private static void checkEveryConnectionHandedOut() {
        if (System.getProperty(ALIVE_BYPASS_WINDOW) == null) {
            System.setProperty(ALIVE_BYPASS_WINDOW, "0");
        }
    }

    /** Half the connection timeout, between 250 ms and 1 s. */
    static long validationTimeoutMillis(int connectionTimeoutMillis) {
        return Math.max(250, Math.min(1000, connectionTimeoutMillis / 2));
    }

    /** 1, 2, 4, 8 … seconds between attempts to open the database, at most {@code max}. */
    static long retryPauseSeconds(int attempt, int max) {
        return Math.max(1, Math.min(Math.max(1, max), 1L << Math.min(Math.max(0, attempt - 1), 20)));
    }

    /**
     * Migrates the platform's schema and, in the same Liquibase run, the schema of every resolved bundle that names its
     * changelog in its manifest ({@value #CHANGELOG_HEADER}): one run at start instead of one per module, each of which
     * took Liquibase's lock and read the whole change history again. Such a bundle still calls {@link Database#migrate}
     * when it starts; that then has nothing to do. Should the common run fail, the platform's schema is migrated alone,
     * and each module meets its own failure when it starts, as it would without this.
     */
    private void migrateAtStart(ThreadBoundDatabase database) {
        List<LiquibaseMigrator.Changelog> changelogs = new ArrayList<>();
        changelogs.add(new LiquibaseMigrator.Changelog(PLATFORM_CHANGELOG, DatabaseManager.class.getClassLoader()));
        Bundle[] bundles = context.getBundles();
        Arrays.sort(bundles, Comparator.comparingLong(Bundle::getBundleId));
        for (Bundle bundle : bundles) {
            String path = bundle.getHeaders("").get(CHANGELOG_HEADER);
            if (path == null || bundle.getBundleId() == context.getBundle().getBundleId()
                    || (bundle.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) == 0) {
                continue;
            }
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            ClassLoader loader = wiring == null ? null : wiring.getClassLoader();
            if (loader != null) {
                changelogs.add(new LiquibaseMigrator.Changelog(path.trim(), loader));
            }
        }
        try {
            database.migrateTogether(changelogs);
        } catch (RuntimeException e) {
            LOG.warn("migrating every schema at once failed ({}); migrating the platform's alone, each module's when it starts",
                    e.getMessage());
            database.migrate(PLATFORM_CHANGELOG, DatabaseManager.class.getClassLoader());
        }
    }

    /** The manifest header that names a bundle's Liquibase changelog, e.g. {@code db/clientele-budget.xml}. */
    static final String CHANGELOG_HEADER = "Clientele-Changelog";

    private synchronized void close() {
        current = null;
        unavailableReason = "the database driver is gone";
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        if (dataSourceRegistration != null) {
            try {
                dataSourceRegistration.unregister();
            } catch (IllegalStateException ignored) {
                // already gone with the bundle
            }
            dataSourceRegistration = null;
        }
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException ignored) {
                // already gone with the bundle
            }
            registration = null;
        }
        closePool();
    }

    private void closePool() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Deactivate
    void deactivate() {
        starter.shutdown();
        tracker.close();
        close();
        try {
            starter.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Derby reads its page cache size from a system property when a database boots, so the configured size is set
     * just before the pool opens the first connection. A value given on the command line
     * ({@code -Dderby.storage.pageCacheSize=…}) wins.
     */
    static void applyDerbyPageCacheSize(int pages) {
        if (pages > 0 && System.getProperty(DERBY_PAGE_CACHE_SIZE) == null) {
            System.setProperty(DERBY_PAGE_CACHE_SIZE, Integer.toString(Math.max(40, pages)));
        }
    }

    static final String DERBY_PAGE_CACHE_SIZE = "derby.storage.pageCacheSize";

    /**
     * Derby's lock escalation threshold and lock wait timeout, read when the database boots: set just before the first
     * connection, unless given on the command line. Derby takes no threshold below 100.
     */
    static void applyDerbyLockSettings(int escalationThreshold, int waitTimeoutSeconds) {
        if (escalationThreshold > 0 && System.getProperty(DERBY_ESCALATION_THRESHOLD) == null) {
            System.setProperty(DERBY_ESCALATION_THRESHOLD, Integer.toString(Math.max(100, escalationThreshold)));
        }
        if (waitTimeoutSeconds > 0 && System.getProperty(DERBY_WAIT_TIMEOUT) == null) {
            System.setProperty(DERBY_WAIT_TIMEOUT, Integer.toString(waitTimeoutSeconds));
        }
    }

    static final String DERBY_ESCALATION_THRESHOLD = "derby.locks.escalationThreshold";
    static final String DERBY_WAIT_TIMEOUT = "derby.locks.waitTimeout";

    static String effectiveUrl(String configured, String karafData) {
        String url = configured == null || configured.isBlank() ? "jdbc:derby:clientele/db" : configured.trim();
        if (url.startsWith("jdbc:derby:") && !url.startsWith("jdbc:derby://")) {
            String path = url.substring("jdbc:derby:".length());
            boolean absolute = path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.startsWith("memory:");
            if (!absolute && karafData != null) {
                url = "jdbc:derby:" + karafData + "/" + path;
            }
        }
        return url;
    }

    static Dialect dialectOf(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return Dialect.POSTGRESQL;
        }
        if (url.startsWith("jdbc:derby:")) {
            return Dialect.DERBY;
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:derby: or jdbc:postgresql:): " + redact(url));
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
