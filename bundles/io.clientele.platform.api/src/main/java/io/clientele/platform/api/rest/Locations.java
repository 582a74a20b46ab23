package io.clientele.platform.api.rest;

import java.net.URI;
import javax.ws.rs.core.UriInfo;

/** Absolute {@code Location} URIs for resources published elsewhere in the API (under another root). */
public final class Locations {
    private Locations() {
    }

    /** {@code apiPath} (e.g. {@code /v1/contacts/42}) resolved against the API root of the current request. */
    public static URI of(UriInfo uri, String apiPath) {
        String base = uri.getBaseUri().getPath();
        int versioned = base.indexOf("/v1");
        String root = versioned >= 0 ? base.substring(0, versioned) : base.replaceAll("/$", "");
        return uri.getBaseUriBuilder().replacePath(root + apiPath).build();
    }
}
