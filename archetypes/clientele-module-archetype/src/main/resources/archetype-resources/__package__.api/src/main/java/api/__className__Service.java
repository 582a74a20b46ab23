package ${package}.api;

import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The items of the module "${moduleId}", for other modules. Every call acts for the current request's agency: items of
 * another agency read as missing. A call is refused with {@link Refused} (its {@link Refused.Reason} says why); the
 * REST edge answers a refusal as problem+json (404, 400 naming the field), so a REST caller can let it pass. Changes
 * join the caller's transaction.
 *
 * <p>{@code @ProviderType}: only this module implements it; adding a method is a minor version bump.
 */
@ProviderType
public interface ${className}Service {

    /** The item if it exists for the caller's agency. */
    Optional<${className}Item> find(String itemId);

    /**
     * The item.
     *
     * @throws Refused {@link Refused.Reason#ITEM_NOT_FOUND}
     */
    ${className}Item get(String itemId);

    /** The agency's items, oldest first, a page at a time. */
    Page<${className}Item> list(PageRequest request);

    /**
     * Creates an item and posts {@link ${className}Events#ITEM_CREATED} once the caller's transaction commits.
     *
     * @param title 1 to 200 characters, no control characters
     * @throws Refused {@link Refused.Reason#INVALID_INPUT} naming {@code title}
     */
    ${className}Item create(String title);

    /** Why the module refused a call. Each reason has one {@link Refusal.Kind}, what the REST edge answers it as. */
    final class Refused extends Refusal {
        private static final long serialVersionUID = 1L;

        public enum Reason implements Refusal.Reason {
            /** No such item for the caller: none, or another agency's. */
            @As(Kind.NOT_FOUND) ITEM_NOT_FOUND,
            /** Input fields are invalid; {@link #fields()} names each. */
            @As(Kind.INVALID) INVALID_INPUT
        }

        public Refused(Reason reason, String message, List<Field> fields) {
            super(reason, message, fields);
        }

        @Override
        public Reason reason() {
            return (Reason) super.reason();
        }
    }
}
