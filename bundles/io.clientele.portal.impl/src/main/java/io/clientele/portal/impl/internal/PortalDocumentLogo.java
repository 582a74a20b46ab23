package io.clientele.portal.impl.internal;

import io.clientele.monthlyfee.api.DocumentLogo;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The agency's portal logo on its invoices and estimates: the monthly-fee module prints whatever {@link DocumentLogo}
 * answers. Only PNG and JPEG go on a PDF; a WebP logo leaves the documents with the agency's name.
 */
@Component(service = DocumentLogo.class)
public class PortalDocumentLogo implements DocumentLogo {

    private static final Set<String> PRINTABLE = Set.of("image/png", "image/jpeg");

    private final PortalDocuments documents;

    @Activate
    public PortalDocumentLogo(@Reference PortalDocuments documents) {
        this.documents = documents;
    }

    @Override
    public Optional<Image> logo() {
        return documents.logo().filter(l -> PRINTABLE.contains(l.contentType())).map(l -> new Image(l.contentType(), l.content()));
    }
}
