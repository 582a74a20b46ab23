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

    @AttributeDefinition(description = "Embedded Derby only: pages Derby keeps in its page cache (derby.storage.pageCacheSize; "
            + "Derby's own default is 1000). Pages are 4 KB, 32 KB for tables with LOB columns, so this bounds heap use; "
            + "it is read when the database boots. 0 leaves Derby's setting alone.")
    int derbyPageCacheSize() default DEFAULT_DERBY_PAGE_CACHE_SIZE;

    /** Fits the platform's indexes of a large agency while even an all-32 KB cache stays a fraction of a 512 MB heap. */
    int DEFAULT_DERBY_PAGE_CACHE_SIZE = 4000;
}
