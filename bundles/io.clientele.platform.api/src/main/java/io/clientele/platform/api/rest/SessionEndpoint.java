package io.clientele.platform.api.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint is for any signed-in caller, a staff user or a customer's contact alike (by bearer token, or a
 * contact's browser session cookie); the resource decides what each kind sees from {@code RequestContext.principal()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SessionEndpoint {
}
