package io.clientele.platform.jpa;

import io.clientele.platform.api.rest.Keyset;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

/**
 * Keyset pages of entities, in the order of a {@link Keyset} whose keys name the entity's attributes, with the API's
 * opaque cursor. The query never skips rows (no OFFSET): a page after the millionth row costs what the first one does,
 * given an index on the agency and the keys.
 */
public final class KeysetPages {

    /** The alias of the entity in the JPQL of a list's condition. */
    public static final String ALIAS = "e";

    private KeysetPages() {
    }

    /** Creation order, oldest first: {@code createdAt}, then {@code id}. */
    public static <E extends CreationOrder> Keyset<E> oldestFirst() {
        return Keyset.oldestFirst("createdAt", CreationOrder::createdAt, "id", CreationOrder::id);
    }

    /** Creation order, newest first: {@code createdAt} descending, then {@code id} descending. */
    public static <E extends CreationOrder> Keyset<E> newestFirst() {
        return Keyset.newestFirst("createdAt", CreationOrder::createdAt, "id", CreationOrder::id);
    }

    /**
     * The page, in creation order oldest first, of {@code type}'s entities matching {@code condition} that pass
     * {@code keep}: {@link #page(EntityManager, Class, Keyset, String, Map, PageRequest, Predicate)} with
     * {@link #oldestFirst()}.
     */
    public static <E extends CreationOrder> Page<E> page(EntityManager em, Class<E> type, String condition, Map<String, ?> params,
                                                         PageRequest request, Predicate<E> keep) {
        return page(em, type, KeysetPages.<E>oldestFirst(), condition, params, request, keep);
    }

    /**
     * The page of {@code type}'s entities in {@code keyset}'s order matching {@code condition} (JPQL over the alias
     * {@value #ALIAS}, may be null, named parameters from {@code params}; {@code keyset…} names are reserved) that pass
     * {@code keep} (null keeps all). Entities are read in batches until the page is full, so entities that {@code keep}
     * leaves out (a restricted customer's, say) never shorten a page that has more.
     *
     * @throws ProblemException 400 naming {@code cursor} when the cursor is not one this list returned
     */
    public static <E> Page<E> page(EntityManager em, Class<E> type, Keyset<E> keyset, String condition, Map<String, ?> params,
                                   PageRequest request, Predicate<? super E> keep) {
        String base = "SELECT " + ALIAS + " FROM " + em.getMetamodel().entity(type).getName() + " " + ALIAS;
        String where = condition == null || condition.isBlank() ? null : "(" + condition + ")";
        String orderBy = " ORDER BY " + keyset.orderBy(KeysetPages::attribute);
        return keyset.page(request, (after, max) -> {
            Keyset.Condition past = after == null ? null : keyset.condition(after, KeysetPages::attribute, i -> ":keyset" + i);
            StringBuilder jpql = new StringBuilder(base);
            if (where != null || past != null) {
                jpql.append(" WHERE ");
                if (where != null) {
                    jpql.append(where);
                }
                if (past != null) {
                    jpql.append(where != null ? " AND " : "").append(past.text());
                }
            }
            TypedQuery<E> query = em.createQuery(jpql.append(orderBy).toString(), type).setMaxResults(max)
                    // bound, not printed: a paged query on Derby otherwise prints a boolean as 0/1, which Derby refuses
                    .setHint("eclipselink.jdbc.bind-parameters", "true");
            if (params != null) {
                params.forEach(query::setParameter);
            }
            if (past != null) {
                List<Object> values = past.params();
                for (int i = 0; i < values.size(); i++) {
                    query.setParameter("keyset" + i, values.get(i));
                }
            }
            return query.getResultList();
        }, keep);
    }

    private static String attribute(String name) {
        return ALIAS + "." + name;
    }
}
