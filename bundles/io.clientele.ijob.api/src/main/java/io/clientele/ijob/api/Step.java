package io.clientele.ijob.api;

import java.time.Instant;

/** One step of a piece's workflow, in order. */
public record Step(String id, StepType type, String name, String assigneeId, Instant dueAt, StepStatus status) {
}
