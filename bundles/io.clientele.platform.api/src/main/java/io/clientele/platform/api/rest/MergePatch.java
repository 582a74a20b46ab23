package io.clientele.platform.api.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * JSON merge patch (RFC 7396) of a resource under the resource's policy of which fields a client may change: the one
 * rule every {@code PATCH} of the platform and its modules follows.
 *
 * <p>A resource states its policy once ({@link #of} or {@link #only}); {@link #check} refuses a patch naming a field the
 * policy does not let a client change, naming every such field; {@link #merge} merges the patch into the resource's JSON
 * representation: an object merges member by member, any other value (arrays included) replaces the old one, and
 * {@code null} clears the field (RFC 7396 removes the member; for a typed resource that reads as null). The store then
 * turns the merged representation into its type and validates the whole result.
 *
 * <pre>{@code
 * static final MergePatch POLICY = MergePatch.of("customer", Set.of("id", "version", "createdAt", "updatedAt"));
 * POLICY.check(patch);
 * Customer after = json.convertValue(MergePatch.merge(json.convertValue(before, MAP), patch), Customer.class);
 * }</pre>
 */
public final class MergePatch {

    private final String resource;
    private final Set<String> readOnly;
    private final Set<String> editable;

    private MergePatch(String resource, Set<String> readOnly, Set<String> editable) {
        this.resource = resource;
        this.readOnly = Set.copyOf(readOnly);
        this.editable = editable == null ? null : Set.copyOf(editable);
    }

    /**
     * A resource whose fields a client may change except {@code readOnly} (its type refuses names it does not have).
     *
     * @param resource what the resource is called in messages ("customer", "monthly fee")
     */
    public static MergePatch of(String resource, Set<String> readOnly) {
        return new MergePatch(resource, readOnly, null);
    }

    /** A resource of which a client may change {@code editable} only; {@code readOnly} ones are named as such. */
    public static MergePatch only(String resource, Set<String> readOnly, Set<String> editable) {
        return new MergePatch(resource, readOnly, editable);
    }

    /**
     * Adds to {@code errors} every field of {@code patch} the policy does not let a client change.
     *
     * @throws ProblemException 400 {@code malformed} when there is no patch (no JSON object)
     */
    public void check(Map<String, Object> patch, FieldErrors errors) {
        if (patch == null) {
            throw ProblemException.malformed("A JSON object with the fields to change is required.", null);
        }
        for (String field : patch.keySet()) {
            if (readOnly.contains(field)) {
                errors.add(field, "is read-only");
            } else if (editable != null && !editable.contains(field)) {
                errors.add(field, "is not a field of a " + resource);
            }
        }
    }

    /**
     * Refuses a patch naming a field the policy does not let a client change.
     *
     * @throws ProblemException 400 naming every such field, or {@code malformed} when there is no patch
     */
    public void check(Map<String, Object> patch) {
        FieldErrors errors = new FieldErrors();
        check(patch, errors);
        errors.throwIfAny();
    }

    /** {@code target} (a resource's JSON representation) with {@code patch} merged in; neither argument changes. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> merged = new LinkedHashMap<>(target);
        patch.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested && merged.get(key) instanceof Map<?, ?> existing) {
                merged.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) nested));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }
}
