package io.clientele.ijob.api;

import java.time.Instant;
import java.util.List;

/**
 * A deliverable of a job with its ordered workflow and timeline. {@code reviewUrl}: where the customer finds the thing
 * to review (an http or https link the agency attached: the artwork, a proof, a shared folder), or null.
 */
public record Piece(String id, String jobId, String customerId, String title, String reviewUrl, PieceStatus status, List<Step> steps,
                    List<TimelineEntry> timeline, long version, Instant createdAt, Instant updatedAt) {
    public Piece {
        steps = steps == null ? List.of() : List.copyOf(steps);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** A piece without a link to review (the record as API 1.1 built it). */
    public Piece(String id, String jobId, String customerId, String title, PieceStatus status, List<Step> steps,
                 List<TimelineEntry> timeline, long version, Instant createdAt, Instant updatedAt) {
        this(id, jobId, customerId, title, null, status, steps, timeline, version, createdAt, updatedAt);
    }
}
