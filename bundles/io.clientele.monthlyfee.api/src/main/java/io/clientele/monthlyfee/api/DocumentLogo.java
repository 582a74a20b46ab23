package io.clientele.monthlyfee.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The agency's logo, printed at the top of its invoices and estimates. Registered as a service by whichever module keeps
 * the logo (e.g. the portal's settings); while none is registered, or it answers empty, the documents carry the
 * agency's name only.
 *
 * @since 2.3.0
 */
@ConsumerType
public interface DocumentLogo {

    /** The caller's agency's logo (PNG or JPEG), if it has one. */
    Optional<Image> logo();

    /** An image's bytes and media type ({@code image/png}, {@code image/jpeg}). */
    record Image(String contentType, byte[] bytes) {
    }
}
