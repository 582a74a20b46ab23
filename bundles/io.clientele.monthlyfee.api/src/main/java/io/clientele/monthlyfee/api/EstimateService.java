package io.clientele.monthlyfee.api;

import io.clientele.monthlyfee.api.BillingService.Refused;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Estimates of the caller's agency for other modules (the customer portal). Reads apply the customer's visibility, as
 * {@link BillingService}'s do: an estimate of a customer the caller may not see, or of another agency, is absent.
 *
 * @since 2.3.0
 */
@ProviderType
public interface EstimateService {

    /** The most characters of a decision's comment. */
    int MAX_COMMENT = 2000;

    /** The customer's estimates in every status (DRAFTs included: a caller showing them to contacts leaves those out), newest first. */
    List<Estimate> estimatesOf(String customerId);

    /** The estimate, if it exists in the caller's agency and its customer is visible. */
    Optional<Estimate> estimate(String estimateId);

    /**
     * A contact of the estimate's customer accepts or declines it (only a SENT estimate; once): the decision is recorded
     * on the estimate with the contact and the time, and in the customer's history.
     *
     * @param decision {@link EstimateStatus#ACCEPTED} or {@link EstimateStatus#DECLINED}
     * @param comment  optional, at most {@link #MAX_COMMENT} characters
     * @throws Refused {@link Refused.Reason#ESTIMATE_NOT_FOUND} for an estimate absent for the caller;
     *                 {@link Refused.Reason#INVALID_DECISION} naming {@code decision}, {@code contactId} or
     *                 {@code comment}; {@link Refused.Reason#ESTIMATE_NOT_SENT} when it is not SENT (a DRAFT, or already
     *                 decided)
     */
    Estimate decide(String estimateId, EstimateStatus decision, String contactId, String contactName, String comment);

    /** The estimate as a PDF in the agency's language, if it is visible to the caller. */
    Optional<PdfFile> estimatePdf(String estimateId);
}
