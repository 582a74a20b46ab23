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
}
