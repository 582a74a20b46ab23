package io.clientele.platform.api.rest;

import io.clientele.platform.api.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Staff roles allowed to call a resource method or class; others get 403 {@code forbidden}. Method beats class. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowedRoles {
    Role[] value();
}
