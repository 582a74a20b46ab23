package io.clientele.portal.impl.internal;

import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A document's metadata ({@code portal_document}); its bytes are in {@code portal_document_content}. {@link #scope()}:
 * {@value #CUSTOMER} (a customer's, uploaded by one of its contacts or by staff; its contacts see it),
 * {@value #NEW_USER} (the agency's, shown to every portal user) or {@value #LOGO} (the agency's portal logo).
 */
@Entity(name = "PortalDocument")
@Table(name = "portal_document")
public class DocumentRecord extends TenantOwned implements CreationOrder {

    static final String CUSTOMER = "CUSTOMER";
    static final String NEW_USER = "NEW_USER";
    static final String LOGO = "LOGO";
    static final String BY_CONTACT = "CONTACT";
    static final String BY_STAFF = "STAFF";

    @Column(name = "scope", length = 16, nullable = false, updatable = false)
    private String scope;

    @Column(name = "customer_id", length = 36, updatable = false)
    private String customerId;

    @Column(name = "file_name", length = 255, nullable = false, updatable = false)
    private String fileName;

    @Column(name = "content_type", length = 120, nullable = false, updatable = false)
    private String contentType;

    @Column(name = "byte_size", nullable = false, updatable = false)
    private long size;

    @Column(name = "sha256", length = 64, nullable = false, updatable = false)
    private String sha256;

    @Column(name = "uploader_kind", length = 16, nullable = false, updatable = false)
    private String uploaderKind;

    @Column(name = "uploader_id", length = 36, updatable = false)
    private String uploaderId;

    @Column(name = "uploader_name", length = 200, updatable = false)
    private String uploaderName;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected DocumentRecord() {
    }

    DocumentRecord(String id, String scope, String customerId, String fileName, String contentType, long size, String sha256,
                   String uploaderKind, String uploaderId, String uploaderName, Instant now) {
        super(id);
        this.scope = scope;
        this.customerId = customerId;
        this.fileName = fileName;
        this.contentType = contentType;
        this.size = size;
        this.sha256 = sha256;
        this.uploaderKind = uploaderKind;
        this.uploaderId = uploaderId;
        this.uploaderName = uploaderName;
        this.createdAt = now;
    }

    String scope() {
        return scope;
    }

    String customerId() {
        return customerId;
    }

    String fileName() {
        return fileName;
    }

    String contentType() {
        return contentType;
    }

    long size() {
        return size;
    }

    String sha256() {
        return sha256;
    }

    String uploaderKind() {
        return uploaderKind;
    }

    String uploaderId() {
        return uploaderId;
    }

    String uploaderName() {
        return uploaderName;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }
}
