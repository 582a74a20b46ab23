package io.clientele.platform.testing;

import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A user row mapped without the agency: what ClienteleUnit must refuse. */
@Entity
@Table(name = "platform_user")
public class UntenantedUser {
    @Id
    private String id;
}
