package io.clientele.portal.api.home;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** What awaits the customer's approval, for the portal's Home, from the iJob module while it is installed. */
@ConsumerType
public interface ApprovalsPort {

    /** A piece of work waiting for the customer's decision; the portal links to it at {@code pieces/{id}}. */
    record AwaitingPiece(String id, String jobId, String title, Instant since) {
    }

    /** The customer's pieces awaiting its approval, most recently changed first; the caller runs as the customer's agency. */
    List<AwaitingPiece> awaitingApproval(String customerId);
}
