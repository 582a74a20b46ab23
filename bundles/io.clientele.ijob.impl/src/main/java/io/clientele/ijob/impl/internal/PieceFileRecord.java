package io.clientele.ijob.impl.internal;

import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * One version of the file a piece's customer reviews ({@code ijob_piece_file}); its bytes are in
 * {@code ijob_piece_file_content} under the same id. {@code number} counts the piece's versions from 1; {@code round} is
 * the customer review it is for (1 + the customer's decisions on the piece before it was uploaded). Liquibase owns the table.
 */
@Entity(name = "PieceFile")
@Table(name = "ijob_piece_file")
public class PieceFileRecord extends TenantOwned {

    @Column(name = "piece_id", length = 36, nullable = false, updatable = false)
    private String pieceId;

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "file_number", nullable = false, updatable = false)
    private int number;

    @Column(name = "approval_round", nullable = false, updatable = false)
    private int round;

    @Column(name = "file_name", length = 255, nullable = false, updatable = false)
    private String fileName;

    @Column(name = "content_type", length = 120, nullable = false, updatable = false)
    private String contentType;

    @Column(name = "byte_size", nullable = false, updatable = false)
    private long size;

    @Column(name = "sha256", length = 64, nullable = false, updatable = false)
    private String sha256;

    @Column(name = "uploader_id", length = 36, updatable = false)
    private String uploaderId;

    @Column(name = "uploader_name", length = 200, updatable = false)
    private String uploaderName;

    @Column(name = "uploaded_at", nullable = false, updatable = false)
    private Instant uploadedAt;

    protected PieceFileRecord() {
    }

    PieceFileRecord(String id, String pieceId, String customerId, int number, int round, String fileName, String contentType, long size,
                    String sha256, String uploaderId, String uploaderName, Instant uploadedAt) {
        super(id);
        this.pieceId = pieceId;
        this.customerId = customerId;
        this.number = number;
        this.round = round;
        this.fileName = fileName;
        this.contentType = contentType;
        this.size = size;
        this.sha256 = sha256;
        this.uploaderId = uploaderId;
        this.uploaderName = uploaderName;
        this.uploadedAt = uploadedAt;
    }

    String pieceId() {
        return pieceId;
    }

    String customerId() {
        return customerId;
    }

    int number() {
        return number;
    }

    int round() {
        return round;
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

    String uploaderId() {
        return uploaderId;
    }

    String uploaderName() {
        return uploaderName;
    }

    Instant uploadedAt() {
        return uploadedAt;
    }
}
