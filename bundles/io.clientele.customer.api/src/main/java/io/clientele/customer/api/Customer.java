package io.clientele.customer.api;

import java.time.Instant;
import java.util.List;

/** A customer record with every tab's data (the REST representation, field for field). */
public record Customer(String id, String name, String companyName, PersonType personType, String documentNumber, String email,
                       String phone, String website, String segmentId, String statusId, String attractionChannelId,
                       String sectorId, String responsibleManagerId, String serviceManagerId, String assistantId,
                       List<String> followerIds, String groupId, String projectTemplateId, boolean restricted, boolean supplier,
                       boolean receivePromotionalEmails, boolean publishDigitalMedia, boolean portalAccess, Address address,
                       Complementary complementary, List<String> invoiceTypeIds, String profile, long version,
                       Instant createdAt, Instant updatedAt, boolean archived) {
    public Customer {
        followerIds = followerIds == null ? List.of() : List.copyOf(followerIds);
        invoiceTypeIds = invoiceTypeIds == null ? List.of() : List.copyOf(invoiceTypeIds);
    }
}
