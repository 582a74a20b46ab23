package io.clientele.platform.impl.internal.operator;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele operator", description = "The platform operator account 'admin' (etc/io.clientele.operator.cfg)")
public @interface OperatorConfig {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of the operator 'admin'. Empty: a random one is generated on first start, printed once, and only its hash is kept.")
    String password() default "";
}
