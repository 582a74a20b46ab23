package io.clientele.platform.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity whose rows belong to no single agency (the agencies themselves, operator settings), so that
 * {@link ClienteleUnit} accepts it without the tenant mapping of {@link TenantOwned}. The reason is required and read
 * in review; everything else is tenant-owned by construction.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SharedAcrossAgencies {
    /** Why this entity's rows are not an agency's. */
    String reason();
}
