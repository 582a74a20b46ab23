package io.clientele.customer.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele customer import", description = "Limits of customer spreadsheet uploads (etc/io.clientele.customer.exchange.cfg)")
public @interface ExchangeConfig {

    @AttributeDefinition(description = "Largest accepted import file in bytes; larger uploads are refused with 413 as soon as the limit is passed")
    long maxUploadBytes() default 20L * 1024 * 1024;

    @AttributeDefinition(description = "Most rows (besides the header) one import may carry; more are refused with 413 before anything is written")
    int maxRows() default 500_000;
}
