package io.clientele.platform.jpa;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.persistence.config.CacheIsolationType;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.VersionLockingPolicy;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.sessions.Session;

/**
 * The session customizer every persistence unit names ({@code eclipselink.session.customizer}). Before the unit logs
 * in it
 * <ul>
 *   <li>refuses the unit when an entity has no tenant mapping (it extends neither {@link TenantOwned} nor
 *       {@link TenantRow}, nor is marked {@link SharedAcrossAgencies}): the EntityManagerFactory then never appears,
 *       and the unit's own test fails;</li>
 *   <li>isolates every entity's cache to its persistence context: EclipseLink fills its shared cache when an
 *       EntityManager commits, which inside the platform's transaction is before the real commit, so a rollback would
 *       leave entities in the cache that the database never kept (and the cache would be one per node);</li>
 *   <li>makes {@code @Version} start at 0 for a new row, as every JDBC store wrote it, so versions and ETags do not
 *       depend on which code wrote the row (EclipseLink starts at 1).</li>
 * </ul>
 */
public class ClienteleUnit implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        List<String> untenanted = new ArrayList<>();
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            if (descriptor.isAggregateDescriptor() || descriptor.isDescriptorForInterface()) {
                continue;
            }
            Class<?> type = descriptor.getJavaClass();
            if (!descriptor.hasMultitenantPolicy() && !type.isAnnotationPresent(SharedAcrossAgencies.class)) {
                untenanted.add(type.getName());
            }
            descriptor.setCacheIsolation(CacheIsolationType.ISOLATED);
            if (descriptor.getOptimisticLockingPolicy() instanceof VersionLockingPolicy policy && !(policy instanceof ZeroBasedVersion)) {
                descriptor.setOptimisticLockingPolicy(new ZeroBasedVersion(policy));
            }
        }
        if (!untenanted.isEmpty()) {
            throw new IllegalStateException("entities without the agency mapping (extend TenantOwned, or mark them"
                    + " @SharedAcrossAgencies with the reason): " + untenanted);
        }
    }

    /** EclipseLink's numeric version locking, with 0 as the version of a new row. */
    static final class ZeroBasedVersion extends VersionLockingPolicy {
        private static final long serialVersionUID = 1L;

        ZeroBasedVersion(VersionLockingPolicy from) {
            super(from.getWriteLockField());
            if (from.isStoredInCache()) {
                storeInCache();
            } else {
                storeInObject();
            }
            setLockOnChangeMode(from.getLockOnChangeMode());
        }

        @Override
        protected Number getInitialWriteValue(AbstractSession session) {
            return 0L;
        }
    }
}
