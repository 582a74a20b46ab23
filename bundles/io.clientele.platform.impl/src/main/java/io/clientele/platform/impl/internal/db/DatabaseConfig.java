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

    @AttributeDefinition(description = "Embedded Derby only: pages Derby keeps in its page cache (derby.storage.pageCacheSize), "
            + "read when the database boots. Pages are 4 KB, 32 KB for tables with LOB columns (the customer table is one), "
            + "so the cache can take up to 32 KB per page of the heap. 0 leaves Derby's setting alone.")
    int derbyPageCacheSize() default DEFAULT_DERBY_PAGE_CACHE_SIZE;

    @AttributeDefinition(description = "Embedded Derby only: an empty database with the distribution's schema, copied into place "
            + "when the database folder does not exist yet (a first start then skips creating Derby's catalog and the DDL). "
            + "Relative to the Karaf home; empty: Derby creates the database and Liquibase migrates it.")
    String derbyTemplate() default "db-template/derby";

    /**
     * Derby's own default. Measured at 1,000,000 customers in the 512 MB heap (docs/benchmarks.md): 4,000 pages keep a
     * filtered first page's ~1,100 table pages cached (p95 35.8 -> 17.3 ms) but leave the heap short enough that old
     * collections run every few seconds and the common-word search's p95 went from 52 to 130 ms; imports and creates
     * are the same with either (within 5%). Raise it together with the heap (JAVA_MAX_MEM).
     */
    int DEFAULT_DERBY_PAGE_CACHE_SIZE = 1000;
}
