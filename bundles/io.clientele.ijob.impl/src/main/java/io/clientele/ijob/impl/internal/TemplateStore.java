package io.clientele.ijob.impl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.ijob.api.JobTemplate;
import io.clientele.ijob.api.JobTemplate.TemplatePiece;
import io.clientele.ijob.api.JobTemplate.TemplateStep;
import io.clientele.ijob.api.StepType;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.jpa.EntityWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Job templates of the caller's agency (briefing questions and pieces with steps, kept as one JSON definition). */
@Component(service = TemplateStore.class)
public class TemplateStore {

    static final int MAX_QUESTIONS = 100;

    private final EntityWork work;
    private final UserDirectory users;
    private final ObjectMapper json = new ObjectMapper();

    record Definition(List<String> briefingQuestions, List<TemplatePiece> pieces) {
    }

    @Activate
    public TemplateStore(@Reference Database database, @Reference(target = "(osgi.unit.name=ijob)") EntityManagerFactory unit,
                         @Reference IJobModule module, @Reference UserDirectory users) {
        this.work = new EntityWork(database, unit);
        this.users = users;
    }

    public List<JobTemplate> list() {
        return work.inTransaction(em -> em.createQuery("SELECT t FROM JobTemplate t WHERE t.deleted = :deleted ORDER BY t.name, t.id",
                TemplateRecord.class).setParameter("deleted", false).setMaxResults(1000).getResultStream().map(this::toApi).toList());
    }

    public Optional<JobTemplate> find(String id) {
        return record(id).map(this::toApi);
    }

    /** The stored template unless it is deleted (or another agency's). */
    private Optional<TemplateRecord> record(String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(TemplateRecord.class, id)).filter(t -> !t.deleted()));
    }

    private TemplateRecord getRecord(String id) {
        return record(Inputs.id(id, "Job template")).orElseThrow(() -> ProblemException.notFound("Job template " + id));
    }

    public JobTemplate get(String id) {
        return toApi(getRecord(id));
    }

    public JobTemplate create(Inputs.TemplateInput input) {
        Checked c = check(Inputs.body(input));
        Instant now = EntityWork.now();
        return work.inTransaction(em -> {
            TemplateRecord t = new TemplateRecord(Jdbc.newId(), c.name(), c.definition(), now);
            em.persist(t);
            em.flush();
            return toApi(t);
        });
    }

    public JobTemplate replace(String id, Long expectedVersion, Inputs.TemplateInput input) {
        Checked c = check(Inputs.body(input));
        return work.inTransaction(em -> {
            TemplateRecord t = getRecord(id);
            t.requireVersion(expectedVersion, "job template");
            t.replace(c.name(), c.definition(), EntityWork.now());
            em.flush();
            return toApi(t);
        });
    }

    public void delete(String id) {
        work.inTransaction(em -> {
            getRecord(id).delete(EntityWork.now());
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

    private JobTemplate toApi(TemplateRecord t) {
        Definition d;
        try {
            d = json.readValue(t.definition(), Definition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable job template " + t.id(), e);
        }
        return new JobTemplate(t.id(), t.name(), d.briefingQuestions(), d.pieces(), t.version(), t.createdAt(), t.updatedAt());
    }
}
