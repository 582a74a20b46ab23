package io.clientele.ijob.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele iJob", description = "Links and defaults of the iJob approval workflow (etc/io.clientele.ijob.cfg)")
public @interface IJobConfig {

    @AttributeDefinition(description = "Public base URL of the platform, used in the e-mailed piece links (no trailing slash needed)")
    String publicBaseUrl() default "http://localhost:8181";

    @AttributeDefinition(description = "Default deadline of a Customer Alteration step, in hours after the customer requested changes (2 days)")
    long alterationDueHours() default 48;

    @AttributeDefinition(description = "Largest file version of a piece (artwork, PDF, video), in bytes; larger uploads are refused with 413 (100 MB)")
    long fileMaxBytes() default 104857600;
}
