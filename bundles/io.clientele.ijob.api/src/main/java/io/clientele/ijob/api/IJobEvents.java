package io.clientele.ijob.api;

/**
 * The iJob module's events: jobs, pieces and the customer-approval workflow.
 *
 * <p>Topics of the events this module posts through {@link io.clientele.platform.api.event.DomainEvents}: after the
 * change's transaction commits, never for one that rolled back; every event also carries {@code agencyId},
 * {@code actorId} and {@code at}. Subscribe with an OSGi {@code EventHandler} ({@code event.topics}
 * {@link #ALL}, or one topic), or name them in an integration's list of events.
 */
public final class IJobEvents {

    /** Every event of the iJob module. */
    public static final String ALL = "clientele/ijob/*";

    /** {@code jobId}, {@code customerId}. */
    public static final String JOB_CREATED = "clientele/ijob/job/CREATED";

    /** {@code jobId}, {@code customerId}. */
    public static final String JOB_UPDATED = "clientele/ijob/job/UPDATED";

    /** {@code pieceId}, {@code jobId}, {@code customerId}. */
    public static final String PIECE_CREATED = "clientele/ijob/piece/CREATED";

    /** A step was completed (a piece may now await the customer); {@code pieceId}, {@code jobId}, {@code customerId}, {@code status}. */
    public static final String PIECE_STEP_COMPLETED = "clientele/ijob/piece/STEP_COMPLETED";

    /** {@code pieceId}, {@code jobId}, {@code customerId}, {@code status}. */
    public static final String PIECE_STEP_REASSIGNED = "clientele/ijob/piece/STEP_REASSIGNED";

    /** The customer approved the piece; {@code pieceId}, {@code jobId}, {@code customerId}, {@code status}. */
    public static final String PIECE_APPROVED = "clientele/ijob/piece/APPROVED";

    /** The customer asked for changes; {@code pieceId}, {@code jobId}, {@code customerId}, {@code status}. */
    public static final String PIECE_CHANGES_REQUESTED = "clientele/ijob/piece/CHANGES_REQUESTED";

    /**
     * Staff uploaded a new version of the file the customer reviews; {@code pieceId}, {@code jobId}, {@code customerId},
     * {@code fileId}, {@code fileVersion}.
     *
     * @since 1.3.0
     */
    public static final String PIECE_FILE_UPLOADED = "clientele/ijob/piece/FILE_UPLOADED";

    private IJobEvents() {
    }
}
