package io.clientele.platform.impl.internal.auth;

import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.jpa.SharedAcrossAgencies;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A login session as stored ({@code platform_session}): who it is for, the hash of its current refresh token, when it
 * expires and when it was revoked. The table has no version: a session changes only through conditional statements
 * (rotation, revocation) that {@link TokenSessionService} keeps atomic.
 */
@Entity(name = "PlatformSession")
@Table(name = "platform_session")
@SharedAcrossAgencies(reason = "found by its refresh token's hash or its id before the caller's agency is known")
public class SessionRecord {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "agency_id", length = 36, nullable = false, updatable = false)
    private String agencyId;

    @Enumerated(EnumType.STRING)
    @Column(name = "principal_kind", length = 16, nullable = false, updatable = false)
    private PrincipalKind principalKind;

    @Column(name = "principal_id", length = 36, nullable = false, updatable = false)
    private String principalId;

    @Column(name = "principal_name", length = 200, updatable = false)
    private String principalName;

    @Column(name = "refresh_hash", length = 64, nullable = false)
    private String refreshHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected SessionRecord() {
    }

    /** A new session (the name already cut to its column). */
    SessionRecord(String id, String agencyId, PrincipalKind kind, String principalId, String principalName, String refreshHash,
                  Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.agencyId = agencyId;
        this.principalKind = kind;
        this.principalId = principalId;
        this.principalName = principalName;
        this.refreshHash = refreshHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    String id() {
        return id;
    }

    String agencyId() {
        return agencyId;
    }

    PrincipalKind principalKind() {
        return principalKind;
    }

    String principalId() {
        return principalId;
    }

    String principalName() {
        return principalName;
    }
}
