package io.clientele.customer.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele customer import", description = "Limits of customer spreadsheet uploads (etc/io.clientele.customer.exchange.cfg)")
public @interface ExchangeConfig {

    @AttributeDefinition(description = "Largest accepted import file in bytes; larger uploads are refused with 413 as soon as the limit is passed")
    long maxUploadBytes() default 20L * 1024 * 1024;
}
