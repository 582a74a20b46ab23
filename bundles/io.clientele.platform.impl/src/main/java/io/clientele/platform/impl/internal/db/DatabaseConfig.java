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

    /**
     * Derby's own default. 4,000 pages measured no better for imports and creates (bench, 50,000-row import and 16
     * POSTing clients, alternating runs: within 5%) and no faster for an index-ordered read of 1,000,000 rows.
     */
    int DEFAULT_DERBY_PAGE_CACHE_SIZE = 1000;
}
