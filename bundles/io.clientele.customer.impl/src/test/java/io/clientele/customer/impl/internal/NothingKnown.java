package io.clientele.customer.impl.internal;

import io.clientele.customer.api.LookupKind;

/** A resolver for reading tests in which no lookup, user or customer exists. */
final class NothingKnown implements CustomerRowReader.Resolver {

    static final NothingKnown RESOLVER = new NothingKnown();

    private NothingKnown() {
    }

    @Override
    public String lookup(LookupKind kind, String nameOrId) {
        return null;
    }

    @Override
    public String user(String emailOrId) {
        return null;
    }

    @Override
    public boolean customerExists(String id) {
        return false;
    }
}
