package io.clientele.platform.testing;

import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/** A user row whose mapping drifted from the changelog in four ways MappingCheck must report. */
@Entity
@Table(name = "platform_user")
public class DriftedUser extends TenantOwned {
    /** the column is VARCHAR(200) */
    @Column(name = "name", length = 100, nullable = false)
    private String name;

    /** no such column */
    @Column(name = "nickname", length = 50)
    private String nickname;

    /** a BOOLEAN column mapped as a timestamp */
    @Column(name = "active", nullable = false)
    private Instant active;

    /** NOT NULL in the schema, not said here */
    @Column(name = "email", length = 254)
    private String email;
}
