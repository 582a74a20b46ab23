package io.clientele.monthlyfee.impl.internal;

import io.clientele.monthlyfee.api.DocumentLogo;
import io.clientele.monthlyfee.impl.internal.BillingPdf.Letterhead;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What heads the caller's agency's invoices and estimates: its name, its logo when a {@link DocumentLogo} is registered
 * and has one, and the language the documents are written in (the agency's).
 */
@Component(service = Letterheads.class)
public class Letterheads {

    private static final Logger LOG = LoggerFactory.getLogger(Letterheads.class);

    private final Function<String, Optional<Agency>> agencies;

    /** Bound while some module keeps the agencies' logos; null otherwise (the documents then carry the name only). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DocumentLogo logos;

    @Activate
    public Letterheads(@Reference AgencyDirectory agencies) {
        this(agencies::findById);
    }

    Letterheads(Function<String, Optional<Agency>> agencies) {
        this.agencies = agencies;
    }

    /** The caller's agency's letterhead for a document written now. */
    BillingPdf letterpaper() {
        return new BillingPdf(BillingPdf.languageOf(agency().map(Agency::locale).orElse(Agency.DEFAULT_LOCALE)));
    }

    Letterhead letterhead() {
        String name = agency().map(Agency::name).orElse(RequestContext.principal().agencySlug());
        return new Letterhead(name, logo());
    }

    private Optional<Agency> agency() {
        return agencies.apply(RequestContext.agencyId());
    }

    /** The logo, if any; a logo provider that fails leaves the document without one rather than failing it. */
    private DocumentLogo.Image logo() {
        DocumentLogo provider = logos;
        if (provider == null) {
            return null;
        }
        try {
            return provider.logo().orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("The agency's logo could not be read; the document goes without it", e);
            return null;
        }
    }
}
