package io.clientele.platform.impl.internal.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.impl.internal.db.MigratedDerby;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyStoreTest {

    public record Sent(String id, int attempt) {
    }

    private final IdempotencyStore store = new IdempotencyStore(MigratedDerby.create());
    private final AtomicInteger runs = new AtomicInteger();

    private Sent send(Principal agency, String key, String fingerprint) {
        return RequestContext.runAs(agency, () -> store.execute(key, "estimates.send:e1", fingerprint, Sent.class,
                () -> new Sent("mail-" + runs.incrementAndGet(), runs.get())));
    }

    @Test
    void aRepeatedKeyReturnsTheFirstResultWithoutRunningAgain() {
        Principal acme = Principal.system("acme-id", "acme", "test");
        Sent first = send(acme, "key-1", "body-a");
        Sent repeat = send(acme, "key-1", "body-a");
        assertEquals(first, repeat);
        assertEquals(1, runs.get());
        send(acme, "key-2", "body-a");
        assertEquals(2, runs.get());
    }

    @Test
    void keysAreScopedToTheAgencyAndTiedToTheRequest() {
        send(Principal.system("acme-id", "acme", "test"), "shared-key", "body-a");
        send(Principal.system("other-id", "other", "test"), "shared-key", "body-a");
        assertEquals(2, runs.get());
        ProblemException reused = assertThrows(ProblemException.class,
                () -> send(Principal.system("acme-id", "acme", "test"), "shared-key", "body-b"));
        assertEquals(409, reused.status());
    }

    @Test
    void withoutAKeyTheActionSimplyRuns() {
        Principal acme = Principal.system("acme-id", "acme", "test");
        send(acme, null, "x");
        send(acme, " ", "x");
        assertEquals(2, runs.get());
    }

    @Test
    void anotherUserOfTheAgencyPresentingTheSameKeyDoesNotGetTheFirstAnswer() {
        Principal ana = new Principal(io.clientele.platform.api.PrincipalKind.STAFF, "ana-id", "Ana", "acme-id", "acme",
                java.util.Set.of(io.clientele.platform.api.Role.ADMIN), null);
        Principal sam = new Principal(io.clientele.platform.api.PrincipalKind.STAFF, "sam-id", "Sam", "acme-id", "acme",
                java.util.Set.of(io.clientele.platform.api.Role.COLLABORATOR), null);
        Sent anas = send(ana, "guessed-key", "body-a");
        Sent sams = send(sam, "guessed-key", "body-a");
        assertEquals(2, runs.get());
        org.junit.jupiter.api.Assertions.assertNotEquals(anas, sams);
        assertEquals(anas, send(ana, "guessed-key", "body-a"));
        assertEquals(2, runs.get());
    }

    @Test
    void aLongOperationStillFitsItsColumn() {
        String scoped = RequestContext.runAs(Principal.system("acme-id", "acme", "test"),
                () -> IdempotencyStore.scopedToCaller("x".repeat(300)));
        assertEquals(200, scoped.length());
    }
}
