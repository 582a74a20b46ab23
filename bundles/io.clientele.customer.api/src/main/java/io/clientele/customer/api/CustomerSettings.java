package io.clientele.customer.api;

import io.clientele.platform.api.domain.Refusal;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** Agency settings of the customer registry. */
@ProviderType
public interface CustomerSettings {

    /** The customer fields an agency may make required. */
    Set<String> REQUIRABLE_FIELDS = Set.of("name", "companyName", "personType", "documentNumber", "email", "phone",
            "website", "segmentId", "statusId", "attractionChannelId", "sectorId", "responsibleManagerId",
            "serviceManagerId", "assistantId", "groupId", "address", "profile");

    /** Default when an agency has not chosen: name and company name. */
    List<String> DEFAULT_REQUIRED_FIELDS = List.of("name", "companyName");

    /** The caller's agency's required customer fields. */
    List<String> requiredFields();

    /**
     * Replaces them. {@code name} is always required.
     *
     * @throws Refused {@link Refused.Reason#INVALID_INPUT} naming {@code fields} when null, and {@code fields[i]} for
     *                 each name that is not one of {@link #REQUIRABLE_FIELDS}
     */
    List<String> setRequiredFields(List<String> fields);

    /**
     * Why a settings change was refused (until 1.4.0 the HTTP {@code ProblemException} 400 the REST edge still answers
     * it as).
     *
     * @since 1.4.0
     */
    final class Refused extends Refusal {
        private static final long serialVersionUID = 1L;

        public enum Reason implements Refusal.Reason {
            /** Input fields are invalid; {@link #fields()} names each. */
            @As(Kind.INVALID) INVALID_INPUT
        }

        public Refused(Reason reason, String message, List<Field> fields) {
            super(reason, message, fields);
        }

        /** {@link Reason#INVALID_INPUT} naming these fields. */
        public static Refused invalid(List<Field> fields) {
            return invalid(Refused::new, Reason.INVALID_INPUT, fields);
        }

        @Override
        public Reason reason() {
            return (Reason) super.reason();
        }
    }
}
