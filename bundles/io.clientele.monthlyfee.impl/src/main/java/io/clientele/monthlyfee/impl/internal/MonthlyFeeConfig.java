package io.clientele.monthlyfee.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.clientele.monthlyfee.cfg}. */
@ObjectClassDefinition(name = "Clientele monthly fees")
public @interface MonthlyFeeConfig {

    @AttributeDefinition(description = "Largest signed-contract document accepted, in bytes (larger uploads are answered 413)")
    long documentMaxBytes() default 10L * 1024 * 1024;

    @AttributeDefinition(description = "Seconds after start before the entry generator first runs")
    long generatorInitialDelaySeconds() default 60;

    @AttributeDefinition(description = "Seconds between runs of the entry generator (extends open-ended fees)")
    long generatorIntervalSeconds() default 6 * 3600;
}
