package io.clientele.itests.sampleprovider.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;

/**
 * What the sample hook accepted through the inbound endpoint, one line per call ({@code agencyId integrationId messageId
 * body}), for the integration tests: published as a {@code Supplier<List<String>>} with {@code clientele.sample.log=inbound},
 * a JDK type a test reaches without importing this bundle. Emptied when the bundle stops.
 */
@Component(service = Supplier.class, property = "clientele.sample.log=inbound")
public class ReceivedLog implements Supplier<List<String>> {

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    @Override
    public List<String> get() {
        return List.copyOf(RECEIVED);
    }
}
