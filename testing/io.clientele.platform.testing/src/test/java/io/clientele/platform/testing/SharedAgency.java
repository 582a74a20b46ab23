package io.clientele.platform.testing;

import io.clientele.platform.jpa.SharedAcrossAgencies;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** An agency row: shared across agencies, with the reason, so ClienteleUnit accepts it. */
@Entity
@Table(name = "platform_agency")
@SharedAcrossAgencies(reason = "the agencies themselves")
public class SharedAgency {
    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;
}
