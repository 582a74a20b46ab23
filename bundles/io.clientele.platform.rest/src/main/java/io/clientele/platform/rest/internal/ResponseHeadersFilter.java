package io.clientele.platform.rest.internal;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MultivaluedMap;

/**
 * Headers every API answer carries: {@code X-Content-Type-Options: nosniff}, so a browser never runs an answer
 * as something other than its declared type, and {@code Cache-Control: no-store} unless the resource chose its own
 * caching, because API answers carry tokens and personal data that no browser or proxy cache may keep.
 */
public class ResponseHeadersFilter implements ContainerResponseFilter {

    static final String NO_STORE = "no-store";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("X-Content-Type-Options", "nosniff");
        if (!headers.containsKey(HttpHeaders.CACHE_CONTROL)) {
            headers.putSingle(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }
}
