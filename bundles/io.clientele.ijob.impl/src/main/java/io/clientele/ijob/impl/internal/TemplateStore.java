package io.clientele.ijob.impl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.ijob.api.JobTemplate;
import io.clientele.ijob.api.JobTemplate.TemplatePiece;
import io.clientele.ijob.api.JobTemplate.TemplateStep;
import io.clientele.ijob.api.StepType;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.UserDirectory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Job templates of the caller's agency (briefing questions and pieces with steps, kept as one JSON definition). */
@Component(service = TemplateStore.class)
public class TemplateStore {

    static final int MAX_QUESTIONS = 100;

    private final Database database;
    private final TenantTable templates;
    private final UserDirectory users;
    private final ObjectMapper json = new ObjectMapper();

    record Definition(List<String> briefingQuestions, List<TemplatePiece> pieces) {
    }

    @Activate
    public TemplateStore(@Reference Database database, @Reference IJobModule module, @Reference UserDirectory users) {
        this.database = database;
        this.templates = new TenantTable(database, "ijob_template");
        this.users = users;
    }

    public List<JobTemplate> list() {
        return templates.find("deleted = ?", List.of(false), "name, id", 1000, this::map);
    }

    public Optional<JobTemplate> find(String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        return templates.find("id = ? AND deleted = ?", List.of(id, false), null, 1, this::map).stream().findFirst();
    }

    public JobTemplate get(String id) {
        return find(Inputs.id(id, "Job template")).orElseThrow(() -> ProblemException.notFound("Job template " + id));
    }

    public JobTemplate create(Inputs.TemplateInput input) {
        Checked c = check(Inputs.body(input));
        String id = Jdbc.newId();
        Instant now = Instant.now();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", c.name());
        row.put("definition", c.definition());
        row.put("deleted", false);
        row.put("version", 0L);
        row.put("created_at", now);
        row.put("updated_at", now);
        return database.inTransaction(tx -> {
            templates.insert(row);
            return get(id);
        });
    }

    public JobTemplate replace(String id, Long expectedVersion, Inputs.TemplateInput input) {
        Checked c = check(Inputs.body(input));
        return database.inTransaction(tx -> {
            JobTemplate before = get(id);
            long version = expectedVersion == null ? before.version() : expectedVersion;
            if (templates.update(id, version, Map.of("name", c.name(), "definition", c.definition(), "updated_at", Instant.now())) != 1) {
                throw ProblemException.preconditionFailed("The job template changed since it was read; read it again and retry.");
            }
            return get(id);
        });
    }

    public void delete(String id) {
        database.inTransaction(tx -> {
            JobTemplate before = get(id);
            templates.update(before.id(), null, Map.of("deleted", true, "updated_at", Instant.now()));
            return null;
        });
    }

    private record Checked(String name, String definition) {
    }

    private Checked check(Inputs.TemplateInput in) {
        FieldErrors errors = new FieldErrors();
        String name = Inputs.text(errors, "name", in.name(), Inputs.MAX_TITLE, true);
        List<String> questions = new ArrayList<>();
        if (in.briefingQuestions() != null) {
            if (in.briefingQuestions().size() > MAX_QUESTIONS) {
                errors.add("briefingQuestions", "may hold at most " + MAX_QUESTIONS + " questions");
            } else {
                for (int i = 0; i < in.briefingQuestions().size(); i++) {
                    String q = Inputs.text(errors, "briefingQuestions[" + i + "]", in.briefingQuestions().get(i),
                            Inputs.MAX_BRIEFING_QUESTION, true);
                    if (q != null) {
                        questions.add(q);
                    }
                }
            }
        }
        List<TemplatePiece> pieces = new ArrayList<>();
        Set<String> assignees = new LinkedHashSet<>();
        if (in.pieces() != null) {
            if (in.pieces().size() > Inputs.MAX_PIECES) {
                errors.add("pieces", "may hold at most " + Inputs.MAX_PIECES + " pieces");
            } else {
                for (int p = 0; p < in.pieces().size(); p++) {
                    Inputs.TemplatePieceInput piece = in.pieces().get(p);
                    String at = "pieces[" + p + "]";
                    if (piece == null) {
                        errors.add(at, "must be a piece");
                        continue;
                    }
                    String title = Inputs.text(errors, at + ".title", piece.title(), Inputs.MAX_TITLE, true);
                    List<TemplateStep> steps = new ArrayList<>();
                    if (piece.steps() == null || piece.steps().isEmpty() || piece.steps().size() > Inputs.MAX_STEPS) {
                        errors.add(at + ".steps", "must hold 1 to " + Inputs.MAX_STEPS + " steps");
                    } else {
                        for (int s = 0; s < piece.steps().size(); s++) {
                            TemplateStep step = step(errors, at + ".steps[" + s + "]", piece.steps().get(s));
                            if (step != null) {
                                steps.add(step);
                                if (step.assigneeId() != null) {
                                    assignees.add(step.assigneeId());
                                }
                            }
                        }
                    }
                    pieces.add(new TemplatePiece(title, steps));
                }
            }
        }
        if (!assignees.isEmpty()) {
            for (String unknown : users.unknownIds(assignees)) {
                errors.add("pieces", "assigneeId " + unknown + " names no user of the agency");
            }
        }
        errors.throwIfAny();
        try {
            return new Checked(name, json.writeValueAsString(new Definition(questions, pieces)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TemplateStep step(FieldErrors errors, String at, Inputs.TemplateStepInput in) {
        if (in == null) {
            errors.add(at, "must be a step");
            return null;
        }
        StepType type = Inputs.stepType(errors, at + ".type", in.type(), false);
        String name = Inputs.text(errors, at + ".name", in.name(), Inputs.MAX_TITLE, type != StepType.CUSTOMER_APPROVAL);
        String assignee = Inputs.text(errors, at + ".assigneeId", in.assigneeId(), 36, false);
        if (type == StepType.CUSTOMER_APPROVAL && assignee != null) {
            errors.add(at + ".assigneeId", "a customer approval step is the customer's: it has no assignee");
        }
        if (in.dueInDays() != null && (in.dueInDays() < 0 || in.dueInDays() > 3650)) {
            errors.add(at + ".dueInDays", "must be between 0 and 3650");
        }
        if (type == null) {
            return null;
        }
        return new TemplateStep(type, name == null ? "Customer approval" : name, assignee, in.dueInDays());
    }

    private JobTemplate map(ResultSet rs) throws SQLException {
        Definition d;
        try {
            d = json.readValue(rs.getString("definition"), Definition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable job template " + rs.getString("id"), e);
        }
        return new JobTemplate(rs.getString("id"), rs.getString("name"), d.briefingQuestions(), d.pieces(), rs.getLong("version"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }
}
