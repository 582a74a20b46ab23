package io.clientele.platform.impl.internal.db;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele database", description = "The platform's one database (etc/io.clientele.database.cfg)")
public @interface DatabaseConfig {

    @AttributeDefinition(description = "JDBC URL: jdbc:derby:<folder> (embedded, created if missing) or jdbc:postgresql://host:port/db")
    String url() default "jdbc:derby:data/clientele/db";

    @AttributeDefinition(description = "Database user (empty for embedded Derby)")
    String user() default "";

    @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD, description = "Database password")
    String password() default "";

    @AttributeDefinition(description = "Largest number of pooled connections")
    int maxPoolSize() default 16;

    @AttributeDefinition(description = "How long a request waits for a pooled connection before it is answered 503 "
            + "service_unavailable with Retry-After, in milliseconds (a database that is down is reported within this)")
    int connectionTimeoutMillis() default 2_000;

    @AttributeDefinition(description = "While the database cannot be opened at start (down, or Derby recovering after a crash), "
            + "the start is retried with a growing pause, at most this many seconds apart; it never gives up")
    int openRetryMaxSeconds() default 30;

    @AttributeDefinition(description = "Embedded Derby only: pages Derby keeps in its page cache (derby.storage.pageCacheSize), "
            + "read when the database boots. Pages are 4 KB (the customer table and every index), 32 KB for other tables "
            + "with LOB or wide columns (history, contacts, ...), so the cache takes 4 to 32 KB of the heap per page. "
            + "0 leaves Derby's setting alone.")
    int derbyPageCacheSize() default DEFAULT_DERBY_PAGE_CACHE_SIZE;

    @AttributeDefinition(description = "Embedded Derby only: an empty database with the distribution's schema, copied into place "
            + "when the database folder does not exist yet (a first start then skips creating Derby's catalog and the DDL). "
            + "Relative to the Karaf home; empty: Derby creates the database and Liquibase migrates it.")
    String derbyTemplate() default "db-template/derby";

    @AttributeDefinition(description = "Statement timeout of requests' statements, in seconds (Statement.setQueryTimeout on Derby "
            + "and PostgreSQL): a statement running longer is cut off and the request answered 503 service_unavailable with "
            + "Retry-After. 0: none")
    int statementTimeoutSeconds() default 30;

    @AttributeDefinition(description = "Statement timeout of bulk reads (exports and reports written to a temporary file), "
            + "in seconds. 0: none")
    int bulkStatementTimeoutSeconds() default 600;

    @AttributeDefinition(description = "Embedded Derby only: row locks one transaction may hold (over all tables) before Derby "
            + "locks whole tables instead (derby.locks.escalationThreshold, Derby's default 5000). A table lock taken by a "
            + "large import would lock every other agency out of the table until the import commits, so it is set high; "
            + "read when the database boots")
    int derbyLockEscalationThreshold() default DEFAULT_DERBY_LOCK_ESCALATION_THRESHOLD;

    @AttributeDefinition(description = "Embedded Derby only: how long a statement waits for a lock another transaction holds "
            + "before it fails (derby.locks.waitTimeout, Derby's default 60) and the request is answered 503 with Retry-After; "
            + "read when the database boots")
    int derbyLockWaitTimeoutSeconds() default 20;

    /**
     * Above the row locks of a 100,000-row import (each inserted row is one: the customer, its search words, its history),
     * and a bound on their memory: about 230 bytes of heap each (measured on Derby 10.14), so at most ≈ 220 MB before a
     * larger transaction is escalated to table locks after all.
     */
    int DEFAULT_DERBY_LOCK_ESCALATION_THRESHOLD = 1_000_000;

    /**
     * Four times Derby's own default. Since the customer table has 4 KB pages (changeSet customer-4-derby-small-pages),
     * a filtered first page or a common word's search, which fetch 1,000 to 2,000 rows from all over the table, keep
     * their pages cached in 16 MB: half of what 1,000 pages took when the table had 32 KB pages (docs/benchmarks.md).
     * If only 32 KB pages were read the cache would hold 128 MB: that fitted the 512 MB heap but made old collections
     * frequent (run B of the fifth session). Raise it together with the heap (JAVA_MAX_MEM).
     */
    int DEFAULT_DERBY_PAGE_CACHE_SIZE = 4000;
}
