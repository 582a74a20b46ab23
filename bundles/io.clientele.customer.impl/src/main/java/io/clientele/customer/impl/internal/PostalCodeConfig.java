package io.clientele.customer.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele postal codes", description = "Postal-code lookup through ViaCEP (etc/io.clientele.postalcode.cfg)")
public @interface PostalCodeConfig {

    @AttributeDefinition(description = "Base URL of the ViaCEP service; lookups call <baseUrl>/ws/<cep>/json/")
    String baseUrl() default "https://viacep.com.br";

    @AttributeDefinition(description = "Connect timeout, in milliseconds")
    int connectTimeoutMillis() default 3_000;

    @AttributeDefinition(description = "Timeout of the whole answer, in milliseconds")
    int readTimeoutMillis() default 5_000;

    @AttributeDefinition(description = "How long a looked-up postal code is remembered, in seconds")
    int cacheTtlSeconds() default 86_400;

    @AttributeDefinition(description = "How many postal codes are remembered at most (least recently used ones are dropped)")
    int cacheMaxEntries() default 10_000;
}
