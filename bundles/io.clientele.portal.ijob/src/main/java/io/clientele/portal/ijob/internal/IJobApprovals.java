package io.clientele.portal.ijob.internal;

import io.clientele.ijob.api.JobService;
import io.clientele.portal.api.home.ApprovalsPort;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The portal's {@link ApprovalsPort} on the iJob module's {@link JobService}: pieces awaiting the customer. */
@Component(service = ApprovalsPort.class)
public class IJobApprovals implements ApprovalsPort {

    private final JobService jobs;

    @Activate
    public IJobApprovals(@Reference JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public List<AwaitingPiece> awaitingApproval(String customerId) {
        return jobs.piecesAwaitingCustomer(customerId).stream()
                .map(p -> new AwaitingPiece(p.id(), p.jobId(), p.title(), p.updatedAt())).toList();
    }
}
