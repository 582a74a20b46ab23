package io.clientele.ijob.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One action on a piece. {@code action}: PIECE_CREATED, STEP_OPENED, STEP_COMPLETED, APPROVED, CHANGES_REQUESTED,
 * STEP_INSERTED, STEP_REASSIGNED, PIECE_FINISHED, and (1.3.0) FILE_UPLOADED, FILE_DELETED. {@code changes} lists field
 * changes (reassignments) as {@code {"field","from","to"}}; a file entry names {@code fileVersion}, {@code fileName} and
 * {@code fileId} as {@code to}.
 */
public record TimelineEntry(String id, Instant at, String action, Actor actor, String stepId, StepType stepType, String stepName,
                            String comment, List<Map<String, String>> changes) {
    public TimelineEntry {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
