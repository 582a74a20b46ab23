package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.Job;
import io.clientele.ijob.api.JobService;
import io.clientele.ijob.api.Piece;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Jobs and pieces for other modules, with the caller's customer visibility ({@link Jobs}, {@link Pieces}). */
@Component(service = JobService.class)
public class IJobService implements JobService {

    private final Jobs jobs;
    private final Pieces pieces;
    private final PortalPieces portalPieces;

    @Activate
    public IJobService(@Reference Jobs jobs, @Reference Pieces pieces, @Reference PortalPieces portalPieces) {
        this.jobs = jobs;
        this.pieces = pieces;
        this.portalPieces = portalPieces;
    }

    @Override
    public List<Piece> piecesAwaitingCustomer(String customerId) {
        return portalPieces.awaitingCustomer(customerId);
    }

    @Override
    public Optional<Job> findJob(String jobId) {
        return jobs.findJob(jobId);
    }

    @Override
    public List<Job> jobsOfCustomer(String customerId) {
        return jobs.jobsOfCustomer(customerId);
    }

    @Override
    public List<Piece> piecesOfJob(String jobId) {
        return pieces.piecesOfJob(jobId);
    }

    @Override
    public Optional<Piece> findPiece(String pieceId) {
        return pieces.findPiece(pieceId);
    }
}
