package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.IJobEvents;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.upload.FileNames;
import io.clientele.platform.api.upload.FileTypes;
import io.clientele.platform.api.upload.Upload;
import io.clientele.platform.api.upload.UploadService;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.jpa.EntityWork;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The file a piece's customer reviews, in versions: staff upload the artwork, PDF proof or video through the platform's
 * {@link UploadService} (streamed to a temporary file, refused as soon as it passes {@code fileMaxBytes}); its type is
 * decided by its bytes ({@link FileTypes}: PNG, JPEG, WebP, GIF, PDF, MP4, WebM, Word, Excel, PowerPoint, zip — never SVG
 * or HTML, which can carry scripts), and the bytes are streamed over JDBC into {@code ijob_piece_file_content} in the
 * same transaction as the version's row, the piece's timeline entry ({@code FILE_UPLOADED}) and the customer's history.
 *
 * <p>Each version belongs to an approval round: 1 + the customer's decisions on the piece before it was uploaded, so the
 * version uploaded during a Customer Alteration is the one that answers that change request. A version is
 * {@code reviewed} once the customer decided on its round; only a version not reviewed yet may be deleted (else 409).
 * Staff reach a piece's files exactly when they reach the piece; the portal's rules are {@link PortalPieces}'.
 */
@Component(service = PieceFiles.class, configurationPid = "io.clientele.ijob")
public class PieceFiles {

    /** What a piece's file may be, by its bytes. */
    static final Set<String> TYPES = accepted();
    static final String TYPES_TEXT = "PNG, JPEG, WebP or GIF images, PDF, MP4 or WebM videos, Word, Excel or PowerPoint "
            + "(.docx, .xlsx, .pptx) documents or zip archives (SVG and HTML are not accepted: they can carry scripts)";

    private static Set<String> accepted() {
        Set<String> types = new HashSet<>(FileTypes.IMAGES);
        types.add(FileTypes.PDF);
        types.addAll(FileTypes.VIDEOS);
        types.addAll(FileTypes.OFFICE);
        types.add(FileTypes.ZIP);
        return Set.copyOf(types);
    }

    private final EntityWork work;
    private final TenantTable contents;
    private final Timeline timeline;
    private final Pieces pieces;
    private final UploadService uploads;
    private final UserDirectory users;
    private final HistoryService history;
    private final DomainEvents events;
    private volatile long maxBytes;

    @Activate
    public PieceFiles(@Reference Database database, @Reference(target = "(osgi.unit.name=ijob)") EntityManagerFactory unit,
                      @Reference Pieces pieces, @Reference UploadService uploads, @Reference UserDirectory users,
                      @Reference HistoryService history, @Reference DomainEvents events, IJobConfig config) {
        this.work = new EntityWork(database, unit);
        this.contents = new TenantTable(database, "ijob_piece_file_content");
        this.timeline = new Timeline(database);
        this.pieces = pieces;
        this.uploads = uploads;
        this.users = users;
        this.history = history;
        this.events = events;
        modified(config);
    }

    @Modified
    void modified(IJobConfig config) {
        this.maxBytes = Math.max(1, Math.min(config.fileMaxBytes(), Integer.MAX_VALUE - 16L));
    }

    // ---- views

    /**
     * A version as staff see it. {@code versionNumber} counts the piece's versions from 1; {@code round} is the customer
     * review it is for; {@code reviewed}: the customer decided on that round (it can no longer be deleted).
     */
    public record StaffFile(String id, String pieceId, int versionNumber, String name, String contentType, long size, String sha256,
                            String uploadedById, String uploadedBy, Instant uploadedAt, int round, boolean reviewed) {
    }

    /** The versions of a piece, newest (the current one) first. */
    public record StaffFiles(List<StaffFile> items) {
    }

    /** A version as the customer's contacts see it: no user ids. */
    public record PortalFile(String id, int versionNumber, String name, String contentType, long size, String uploadedBy,
                             Instant uploadedAt, int round, boolean reviewed) {
    }

    /** A version's bytes, copied out of the database into a temporary file the download streams and then deletes. */
    public record Stored(String fileName, String contentType, String sha256, long size, Path content) {
        /** Deletes the temporary copy; idempotent. */
        public void discard() {
            try {
                Files.deleteIfExists(content);
            } catch (IOException e) {
                // left in the temporary folder: nothing else to do
            }
        }
    }

    // ---- staff

    /** Staff upload a new version of the piece's file (multipart part {@code file}). */
    public StaffFile upload(String pieceId, String contentType, String contentLength, InputStream body) {
        pieces.staffRecord(pieceId); // 404 before reading a byte when the piece is not reachable
        try (Upload file = uploads.receiveFile(contentType, contentLength, body, maxBytes)) {
            return add(pieceId, file);
        }
    }

    /** Adds the received file as the piece's next version (its type checked by its bytes), in one transaction. */
    StaffFile add(String pieceId, Upload file) {
        String detected = FileTypes.require(file, TYPES, TYPES_TEXT);
        String name = FileNames.sanitize(file.fileName());
        Principal p = RequestContext.principal();
        return work.inTransaction(em -> {
            PieceRecord piece = pieces.staffRecord(pieceId);
            // numbered after every version ever uploaded (a deleted one's number is not reused); two uploads at once
            // both move the piece's version, so one of them fails rather than both taking the same number
            int number = (int) timeline.uploads(piece.id()) + 1;
            long decisions = timeline.decisions(piece.id());
            PieceFileRecord r = new PieceFileRecord(Jdbc.newId(), piece.id(), piece.customerId(), number, (int) decisions + 1, name, detected,
                    file.size(), file.sha256(), p.kind() == PrincipalKind.STAFF ? p.id() : null, uploaderName(p), EntityWork.now());
            em.persist(r);
            piece.touched(r.uploadedAt());
            em.flush();
            try (InputStream content = file.open()) {
                contents.insert(Map.of("id", r.id(), "content", new Jdbc.BinaryStream(content, file.size())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            timeline.appendFile(piece.id(), Timeline.FILE_UPLOADED, AsPlatform.actor(), r);
            history.record(Jobs.ROOT, piece.customerId(), "piece", piece.id(), Timeline.FILE_UPLOADED, HistoryService.diff(Map.of(), snapshot(r)));
            events.publish(IJobEvents.PIECE_FILE_UPLOADED, Map.of("pieceId", piece.id(), "jobId", piece.jobId(), "customerId",
                    piece.customerId(), "fileId", r.id(), "fileVersion", r.number()));
            return staffView(r, decisions);
        });
    }

    /** The piece's versions, newest first (404 when the piece is not reachable). */
    public StaffFiles list(String pieceId) {
        return work.inTransaction(em -> {
            PieceRecord piece = pieces.staffRecord(pieceId);
            long decisions = timeline.decisions(piece.id());
            return new StaffFiles(records(em, piece.id()).stream().map(r -> staffView(r, decisions)).toList());
        });
    }

    /** One version's bytes (404 unless it is a version of this reachable piece). */
    public Stored content(String pieceId, String fileId) {
        return work.inTransaction(em -> stored(record(em, pieces.staffRecord(pieceId), fileId)));
    }

    /** Deletes a version the customer has not reviewed yet; a reviewed one is 409. */
    public void delete(String pieceId, String fileId) {
        work.inTransaction(em -> {
            PieceRecord piece = pieces.staffRecord(pieceId);
            PieceFileRecord r = record(em, piece, fileId);
            if (reviewed(r, timeline.decisions(piece.id()))) {
                throw ProblemException.conflict("Version " + r.number() + " was already reviewed by the customer: it stays on the piece.");
            }
            contents.delete("id = ?", List.of(r.id()));
            em.remove(r);
            piece.touched(EntityWork.now());
            em.flush();
            timeline.appendFile(piece.id(), Timeline.FILE_DELETED, AsPlatform.actor(), r);
            history.record(Jobs.ROOT, piece.customerId(), "piece", piece.id(), Timeline.FILE_DELETED, HistoryService.diff(snapshot(r), Map.of()));
            return null;
        });
    }

    // ---- the portal (the piece was reached through the portal's rules: PortalPieces)

    /** The piece's versions as its customer's contacts see them, newest (the current one) first. */
    List<PortalFile> portalFiles(String pieceId) {
        return work.inTransaction(em -> {
            long decisions = timeline.decisions(pieceId);
            return records(em, pieceId).stream().map(r -> new PortalFile(r.id(), r.number(), r.fileName(), r.contentType(), r.size(),
                    r.uploaderName(), r.uploadedAt(), r.round(), reviewed(r, decisions))).toList();
        });
    }

    /** One version's bytes of a piece the contact reached. */
    Stored portalContent(PieceRecord piece, String fileId) {
        return work.inTransaction(em -> stored(record(em, piece, fileId)));
    }

    // ---- common

    private static List<PieceFileRecord> records(EntityManager em, String pieceId) {
        return em.createQuery("SELECT f FROM PieceFile f WHERE f.pieceId = :pieceId ORDER BY f.number DESC", PieceFileRecord.class)
                .setParameter("pieceId", pieceId).getResultList();
    }

    private static PieceFileRecord record(EntityManager em, PieceRecord piece, String fileId) {
        return Optional.ofNullable(fileId == null || fileId.length() > 36 ? null : em.find(PieceFileRecord.class, fileId))
                .filter(f -> f.pieceId().equals(piece.id()))
                .orElseThrow(() -> ProblemException.notFound("File " + fileId));
    }

    private static boolean reviewed(PieceFileRecord r, long decisions) {
        return decisions >= r.round();
    }

    private static StaffFile staffView(PieceFileRecord r, long decisions) {
        return new StaffFile(r.id(), r.pieceId(), r.number(), r.fileName(), r.contentType(), r.size(), r.sha256(), r.uploaderId(),
                r.uploaderName(), r.uploadedAt(), r.round(), reviewed(r, decisions));
    }

    private static Map<String, Object> snapshot(PieceFileRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fileVersion", r.number());
        m.put("fileName", r.fileName());
        m.put("contentType", r.contentType());
        m.put("size", r.size());
        return m;
    }

    /** Copies the bytes into a temporary file inside the transaction, so the download holds no connection while it is sent. */
    private Stored stored(PieceFileRecord r) {
        Path copy;
        try {
            copy = Files.createTempFile("ijob-piece-file-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            boolean found = !contents.find("id = ?", List.of(r.id()), null, 1, rs -> {
                try (InputStream in = rs.getBinaryStream("content")) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                    return Boolean.TRUE;
                } catch (IOException e) {
                    throw new SQLException("cannot read the piece's file", e);
                }
            }).isEmpty();
            if (!found) {
                throw ProblemException.notFound("File " + r.id());
            }
            return new Stored(r.fileName(), r.contentType(), r.sha256(), r.size(), copy);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // nothing else to do
            }
            throw e;
        }
    }

    private String uploaderName(Principal p) {
        if (p.kind() != PrincipalKind.STAFF) {
            return p.name();
        }
        return users.find(p.id()).map(User::name).orElse(p.name());
    }
}
