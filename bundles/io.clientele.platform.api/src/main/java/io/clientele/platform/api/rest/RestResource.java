package io.clientele.platform.api.rest;

/**
 * Service properties that publish a JAX-RS root resource. Register the resource object as a DS service
 * with {@code clientele.rest=true}; add {@code clientele.module=<module id>} when it belongs to a module, so
 * its endpoints answer 403 {@code module_not_enabled} for agencies not subscribed to it. The REST layer
 * publishes it while the service exists and removes it, alone, when the service goes.
 */
public final class RestResource {
    public static final String PUBLISH = "clientele.rest";
    public static final String MODULE = "clientele.module";
    /** Use as {@code @Component(property = RestResource.PUBLISHED)}. */
    public static final String PUBLISHED = PUBLISH + "=true";

    private RestResource() {
    }
}
