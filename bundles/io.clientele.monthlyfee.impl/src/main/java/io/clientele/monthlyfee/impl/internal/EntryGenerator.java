package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
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
        try {
            return forEachAgency(agencies.list(), agency -> agencies.isSubscribed(agency.id(), MonthlyFeeModule.ID),
                    agency -> RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "monthly fee generator"),
                            () -> generate(agency)));
        } catch (RuntimeException e) {
            LOG.warn("monthly fee entry generation could not list the agencies; it runs again at the next interval", e);
            return 0;
        }
    }

    /**
     * Runs {@code work} for each agency that {@code subscribed} accepts, each on its own: an agency whose generation
     * fails (its data, a lock, a lost connection) is logged and skipped, and the agencies after it are still served.
     */
    static int forEachAgency(List<Agency> all, Predicate<Agency> subscribed, ToIntFunction<Agency> work) {
        int added = 0;
        for (Agency agency : all) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            try {
                if (subscribed.test(agency)) {
                    added += work.applyAsInt(agency);
                }
            } catch (RuntimeException e) {
                LOG.warn("monthly fee entries of agency {} could not be generated; the other agencies go on, and it is tried "
                        + "again at the next interval", agency.slug(), e);
            }
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
