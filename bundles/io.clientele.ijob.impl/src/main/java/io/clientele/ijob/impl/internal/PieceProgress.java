package io.clientele.ijob.impl.internal;

import io.clientele.platform.jpa.EntityWork;
import io.clientele.ijob.api.Actor;
import io.clientele.ijob.api.Step;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import javax.persistence.OptimisticLockException;

/**
 * Where a piece's workflow state is kept: the piece's status and version ({@link PieceRecord}), its ordered steps
 * ({@link StepRecord}) and what happened ({@link Timeline}), all in the caller's transaction. It knows nothing of who
 * may do what; {@link Workflow} decides the transitions, {@link PieceWorkflow} and {@link Pieces} the rest.
 */
final class PieceProgress {

    /** A piece just recorded, and the workflow that started it (its events tell who must hear of it). */
    record Started(PieceRecord piece, Workflow workflow) {
    }

    private final Timeline timeline;

    PieceProgress(Database database) {
        this.timeline = new Timeline(database);
    }

    /** Records a new piece of the job with these steps, its first step open, and its timeline from PIECE_CREATED on. */
    Started start(EntityManager em, JobRecord job, String title, String reviewUrl, List<Step> steps, Actor actor) {
        Workflow w = new Workflow(steps).start();
        PieceRecord piece = new PieceRecord(Jdbc.newId(), job.id(), job.customerId(), title, reviewUrl, w.status(), EntityWork.now());
        em.persist(piece);
        List<Step> started = w.steps();
        for (int i = 0; i < started.size(); i++) {
            em.persist(new StepRecord(piece, i, started.get(i)));
        }
        em.flush();
        List<Workflow.Event> all = new ArrayList<>();
        all.add(new Workflow.Event("PIECE_CREATED", null, null, null));
        all.addAll(w.events());
        timeline.append(piece.id(), all, actor);
        return new Started(piece, w);
    }

    /** The piece's steps in order. */
    List<Step> steps(EntityManager em, String pieceId) {
        return records(em, pieceId).stream().map(StepRecord::toApi).toList();
    }

    /**
     * Keeps what a command did to the piece: its status (a new version either way), its steps (changed ones updated in
     * place, inserted ones added at their position) and the events on its timeline.
     *
     * @throws ProblemException 409 when another request changed the piece since it was read in this transaction
     */
    void save(EntityManager em, PieceRecord piece, Workflow w, Actor actor) {
        try {
            Map<String, StepRecord> stored = new HashMap<>();
            records(em, piece.id()).forEach(s -> stored.put(s.id(), s));
            piece.moved(w.status(), EntityWork.now());
            List<Step> steps = w.steps();
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                StepRecord record = stored.get(s.id());
                if (record == null) {
                    em.persist(new StepRecord(piece, i, s));
                } else {
                    record.take(i, s);
                }
            }
            em.flush();
        } catch (RuntimeException e) {
            if (lostRace(e)) {
                throw ProblemException.conflict("The piece changed at the same time; read it again and retry.");
            }
            throw e;
        }
        timeline.append(piece.id(), w.events(), actor);
    }

    /** Whether the write failed on the piece's (or a step's) version: another request changed it first. */
    private static boolean lostRace(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    Timeline timeline() {
        return timeline;
    }

    private static List<StepRecord> records(EntityManager em, String pieceId) {
        return em.createQuery("SELECT s FROM Step s WHERE s.pieceId = :pieceId ORDER BY s.position", StepRecord.class)
                .setParameter("pieceId", pieceId).getResultList();
    }

}
