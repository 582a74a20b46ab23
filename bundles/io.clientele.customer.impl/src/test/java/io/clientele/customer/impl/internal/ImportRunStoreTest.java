package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.customer.impl.internal.ImportRunStore.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImportRunStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void aRunningImportWhoseNodeStoppedUpdatingItIsShownInterrupted() {
        assertEquals(State.RUNNING, ImportRunStore.shown(State.RUNNING, NOW.minusSeconds(5), NOW));
        assertEquals(State.RUNNING, ImportRunStore.shown(State.RUNNING, NOW.minus(ImportRunStore.STALE), NOW));
        assertEquals(State.INTERRUPTED, ImportRunStore.shown(State.RUNNING, NOW.minus(ImportRunStore.STALE).minusSeconds(1), NOW));
    }

    @Test
    void finishedRunsKeepTheirStateHoweverOld() {
        for (State s : new State[] {State.SUCCEEDED, State.REJECTED, State.FAILED}) {
            assertEquals(s, ImportRunStore.shown(s, NOW.minusSeconds(86_400), NOW));
        }
    }
}
