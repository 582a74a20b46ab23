package io.clientele.customer.api;

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

    /** Replaces them; unknown field names are a 400 naming them. {@code name} is always required. */
    List<String> setRequiredFields(List<String> fields);
}
