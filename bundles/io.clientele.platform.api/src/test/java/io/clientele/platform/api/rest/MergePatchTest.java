package io.clientele.platform.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    @Test
    void objectsMergeMemberByMemberOtherValuesReplaceAndNullClears() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("name", "Acme");
        before.put("email", "a@acme.com");
        before.put("tags", List.of("a", "b"));
        before.put("address", Map.of("city", "Recife", "state", "PE"));
        Map<String, Object> patch = new HashMap<>();
        patch.put("email", null);
        patch.put("tags", List.of("c"));
        patch.put("address", Map.of("city", "Olinda"));
        Map<String, Object> merged = MergePatch.merge(before, patch);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "Acme");
        expected.put("email", null);
        expected.put("tags", List.of("c"));
        expected.put("address", Map.of("city", "Olinda", "state", "PE"));
        assertEquals(expected, merged);
        assertEquals("a@acme.com", before.get("email"), "the resource's representation is not changed");
    }

    @Test
    void aPolicyNamesEveryFieldAClientMayNotChange() {
        MergePatch policy = MergePatch.only("budget", Set.of("id", "version"), Set.of("campaign", "amount"));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> policy.check(new LinkedHashMap<>(Map.of("id", "x", "color", "red", "amount", "10.00"))));
        assertEquals(400, refused.status());
        assertEquals(Map.of("id", "is read-only", "color", "is not a field of a budget"),
                refused.errors().stream().collect(java.util.stream.Collectors.toMap(FieldError::field, FieldError::message)));
        policy.check(Map.of("campaign", "Spring"));
        assertEquals(400, assertThrows(ProblemException.class, () -> policy.check(null)).status());
    }

    @Test
    void aResourceOpenToEveryFieldButItsReadOnlyOnesLeavesUnknownNamesToItsType() {
        MergePatch policy = MergePatch.of("customer", Set.of("id", "version"));
        policy.check(Map.of("anything", 1));
        assertEquals(List.of("version"), assertThrows(ProblemException.class, () -> policy.check(Map.of("version", 3))).errors().stream()
                .map(FieldError::field).toList());
    }
}
