package io.clientele.monthlyfee.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.platform.api.tenancy.Agency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntryGeneratorTest {

    private static Agency agency(String slug) {
        return new Agency(slug + "-id", slug, slug, Set.of("monthly-fee"), Instant.EPOCH);
    }

    @Test
    void oneAgencyFailingDoesNotStopTheOthers() {
        List<String> served = new ArrayList<>();
        int added = EntryGenerator.forEachAgency(List.of(agency("first"), agency("broken"), agency("unlisted"), agency("last")),
                a -> {
                    if (a.slug().equals("unlisted")) {
                        throw new IllegalStateException("subscription lookup failed");
                    }
                    return true;
                },
                a -> {
                    if (a.slug().equals("broken")) {
                        throw new IllegalStateException("a fee of this agency cannot be read");
                    }
                    served.add(a.slug());
                    return 2;
                });
        assertEquals(List.of("first", "last"), served);
        assertEquals(4, added);
    }

    @Test
    void agenciesNotSubscribedAreSkipped() {
        List<String> served = new ArrayList<>();
        EntryGenerator.forEachAgency(List.of(agency("a"), agency("b")), a -> a.slug().equals("b"), a -> {
            served.add(a.slug());
            return 0;
        });
        assertEquals(List.of("b"), served);
    }
}
