package io.clientele.ijob.api;

import java.time.Instant;
import java.util.List;

/** A deliverable of a job with its ordered workflow and timeline. */
public record Piece(String id, String jobId, String customerId, String title, PieceStatus status, List<Step> steps,
                    List<TimelineEntry> timeline, long version, Instant createdAt, Instant updatedAt) {
    public Piece {
        steps = steps == null ? List.of() : List.copyOf(steps);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }
}
