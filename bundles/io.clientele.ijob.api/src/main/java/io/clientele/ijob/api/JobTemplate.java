package io.clientele.ijob.api;

import java.time.Instant;
import java.util.List;

/** A template a job can be opened from: briefing questions and pieces with their steps. */
public record JobTemplate(String id, String name, List<String> briefingQuestions, List<TemplatePiece> pieces, long version,
                          Instant createdAt, Instant updatedAt) {
    public JobTemplate {
        briefingQuestions = briefingQuestions == null ? List.of() : List.copyOf(briefingQuestions);
        pieces = pieces == null ? List.of() : List.copyOf(pieces);
    }

    /** A piece of a template. */
    public record TemplatePiece(String title, List<TemplateStep> steps) {
        public TemplatePiece {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /** A step of a template piece; {@code dueInDays} (optional) sets the copied step's deadline from the job's opening. */
    public record TemplateStep(StepType type, String name, String assigneeId, Integer dueInDays) {
    }
}
