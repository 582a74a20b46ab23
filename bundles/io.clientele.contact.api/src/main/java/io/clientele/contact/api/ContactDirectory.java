package io.clientele.contact.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Contacts for other modules; a contact is visible exactly when its customer is. */
@ProviderType
public interface ContactDirectory {

    Optional<Contact> find(String contactId);

    List<Contact> ofCustomer(String customerId);
}
