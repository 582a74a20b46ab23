package io.clientele.platform.jpa;

import io.clientele.platform.api.rest.Cursor;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

/**
 * Keyset pages of entities in creation order ({@code createdAt}, then {@code id}), with the API's opaque cursor. The
 * query never skips rows (no OFFSET): a page after the millionth row costs what the first one does, given an index on
 * the agency, {@code created_at} and {@code id}.
 */
public final class KeysetPages {

    private KeysetPages() {
    }

    /**
     * The page of {@code type}'s entities matching {@code condition} (JPQL over the alias {@code e}, may be null, named
     * parameters from {@code params}) that pass {@code keep}. Entities are read in batches until the page is full, so
     * entities that {@code keep} leaves out (a restricted customer's, say) never shorten a page that has more.
     *
     * @throws ProblemException 400 naming {@code cursor} when the cursor is not one this list returned
     */
    public static <E extends CreationOrder> Page<E> page(EntityManager em, Class<E> type, String condition, Map<String, ?> params,
                                                         PageRequest request, Predicate<E> keep) {
        Instant afterAt = null;
        String afterId = null;
        if (request.cursor() != null) {
            List<String> c = Cursor.decode(request.cursor(), 2);
            try {
                afterAt = Instant.parse(c.get(0));
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
            }
            afterId = c.get(1);
            if (afterId.length() > 36) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
            }
        }
        String base = "SELECT e FROM " + em.getMetamodel().entity(type).getName() + " e";
        String where = condition == null || condition.isBlank() ? null : "(" + condition + ")";
        int batch = request.limit() + 1;
        List<E> kept = new ArrayList<>();
        while (kept.size() <= request.limit()) {
            StringBuilder jpql = new StringBuilder(base);
            if (where != null || afterAt != null) {
                jpql.append(" WHERE ");
                if (where != null) {
                    jpql.append(where);
                }
                if (afterAt != null) {
                    jpql.append(where != null ? " AND " : "")
                            .append("(e.createdAt > :afterAt OR (e.createdAt = :afterAt AND e.id > :afterId))");
                }
            }
            jpql.append(" ORDER BY e.createdAt, e.id");
            TypedQuery<E> query = em.createQuery(jpql.toString(), type).setMaxResults(batch);
            params.forEach(query::setParameter);
            if (afterAt != null) {
                query.setParameter("afterAt", afterAt).setParameter("afterId", afterId);
            }
            List<E> rows = query.getResultList();
            for (E row : rows) {
                if (keep.test(row)) {
                    kept.add(row);
                }
            }
            if (rows.size() < batch) {
                break;
            }
            E last = rows.get(rows.size() - 1);
            afterAt = last.createdAt();
            afterId = last.id();
        }
        if (kept.size() <= request.limit()) {
            return new Page<>(kept, null);
        }
        List<E> page = new ArrayList<>(kept.subList(0, request.limit()));
        E last = page.get(page.size() - 1);
        return new Page<>(page, Cursor.encode(last.createdAt().toString(), last.id()));
    }
}
