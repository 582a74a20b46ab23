package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every active fee's entries generated up to the horizon (open-ended fees keep getting new months). Runs per
 * subscribed agency as that agency's system principal; each fee is reconciled in its own transaction under a lock on
 * the fee's row, so overlapping runs (several nodes, a run after a crash) add each month once.
 */
@Component(service = EntryGenerator.class, immediate = true, configurationPid = "io.clientele.monthlyfee",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class EntryGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(EntryGenerator.class);

    private final AgencyDirectory agencies;
    private final FeeStore fees;
    private final ScheduledExecutorService executor;

    @Activate
    public EntryGenerator(@Reference AgencyDirectory agencies, @Reference FeeStore fees, MonthlyFeeConfig config) {
        this.agencies = agencies;
        this.fees = fees;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clientele-monthly-fee-generator");
            t.setDaemon(true);
            return t;
        });
        long interval = Math.max(1, config.generatorIntervalSeconds());
        executor.scheduleWithFixedDelay(this::runOnce, Math.max(0, config.generatorInitialDelaySeconds()), interval, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    /** One pass over every subscribed agency; returns the number of entries added. */
    public int runOnce() {
        int added = 0;
        try {
            for (Agency agency : agencies.list()) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                if (agencies.isSubscribed(agency.id(), MonthlyFeeModule.ID)) {
                    added += RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "monthly fee generator"),
                            () -> generate(agency));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("monthly fee entry generation failed; it runs again at the next interval", e);
        }
        return added;
    }

    private int generate(Agency agency) {
        int added = 0;
        for (String feeId : fees.activeFeeIds()) {
            try {
                added += fees.reconcile(feeId);
            } catch (RuntimeException e) {
                LOG.warn("monthly fee {} of agency {}: entry generation failed", feeId, agency.slug(), e);
            }
        }
        return added;
    }
}
