package io.clientele.customer.impl.internal;

import io.clientele.customer.impl.internal.ImportRunStore.ImportRun;
import io.clientele.customer.impl.internal.ImportRunStore.State;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Table;

/** One import's run as stored ({@code customer_import_run}); Liquibase owns the table ({@code db/clientele-customer.xml}). */
@Entity(name = "ImportRun")
@Table(name = "customer_import_run")
public class ImportRunRecord extends TenantOwned {

    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 20, nullable = false)
    private State state;
    @Column(name = "dry_run", nullable = false, updatable = false)
    private boolean dryRun;
    @Column(name = "started_by", length = 36, nullable = false, updatable = false)
    private String startedBy;
    @Column(name = "started_by_name", length = 200, updatable = false)
    private String startedByName;
    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "file_bytes", nullable = false, updatable = false)
    private long fileBytes;
    @Column(name = "rows_read", nullable = false)
    private int rowsRead;
    @Column(name = "rows_total")
    private Integer rowsTotal;
    @Column(name = "percent", nullable = false)
    private int percent;
    @Column(name = "created", nullable = false)
    private int created;
    @Column(name = "errors", nullable = false)
    private int errors;

    protected ImportRunRecord() {
    }

    /** A run started now by {@code startedBy}: RUNNING, nothing read yet. */
    ImportRunRecord(String id, boolean dryRun, String startedBy, String startedByName, long fileBytes, Instant now) {
        super(id);
        this.state = State.RUNNING;
        this.dryRun = dryRun;
        this.startedBy = startedBy;
        this.startedByName = startedByName;
        this.fileBytes = fileBytes;
        this.startedAt = now;
        this.updatedAt = now;
    }

    /** How far the run has read; {@code rowsTotal} is null while the file has not said how many rows it holds. */
    void progress(int rowsRead, Integer rowsTotal, int percent, int created, int errors, Instant now) {
        this.rowsRead = rowsRead;
        this.rowsTotal = rowsTotal;
        this.percent = percent;
        this.created = created;
        this.errors = errors;
        this.updatedAt = now;
    }

    /** How the run ended, at 100 %. */
    void finish(State state, Instant now) {
        this.state = state;
        this.percent = 100;
        this.updatedAt = now;
        this.finishedAt = now;
    }

    String startedBy() {
        return startedBy;
    }

    /** The run as the API shows it at {@code now} (a RUNNING run left without news reads INTERRUPTED). */
    ImportRun toApi(Instant now) {
        return new ImportRun(id(), ImportRunStore.shown(state, updatedAt, now), dryRun, startedBy, startedByName, startedAt,
                updatedAt, finishedAt, fileBytes, rowsRead, rowsTotal, percent, created, errors);
    }
}
