package io.clientele.ijob.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Jobs and pieces for other modules (a budget report, dashboards). Reads apply the caller's customer visibility:
 * a job of a customer the caller may not see reads as missing.
 */
@ProviderType
public interface JobService {

    Optional<Job> findJob(String jobId);

    /** The jobs of a visible customer, newest first; empty when the customer is not visible. */
    List<Job> jobsOfCustomer(String customerId);

    /** The pieces of a visible job, in creation order, with steps and timeline. */
    List<Piece> piecesOfJob(String jobId);

    Optional<Piece> findPiece(String pieceId);

    /**
     * The pieces awaiting the customer's decision that its portal contacts see (those of its iJob-flagged jobs, while the
     * customer has portal access), most recently changed first; empty when the customer is not visible to the caller.
     *
     * @since 1.2.0
     */
    List<Piece> piecesAwaitingCustomer(String customerId);
}
