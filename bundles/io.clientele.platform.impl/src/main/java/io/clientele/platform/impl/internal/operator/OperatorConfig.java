package io.clientele.platform.impl.internal.operator;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele operator", description = "The platform operator account 'admin' (etc/io.clientele.operator.cfg)")
public @interface OperatorConfig {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of the operator 'admin'. Empty: a random one is generated on first start, printed once, and only its hash is kept.")
    String password() default "";

    @AttributeDefinition(description = "Seconds a verified operator login is remembered (keyed by a keyed hash, never the password), so operator requests skip PBKDF2; 0: never")
    int credentialCacheSeconds() default 60;
}
