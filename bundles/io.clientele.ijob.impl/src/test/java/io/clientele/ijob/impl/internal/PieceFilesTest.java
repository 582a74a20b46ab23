package io.clientele.ijob.impl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.ijob.api.Job;
import io.clientele.ijob.api.Piece;
import io.clientele.ijob.api.PieceStatus;
import io.clientele.ijob.api.TimelineEntry;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.upload.UploadService;
import io.clientele.platform.testing.BytesUpload;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.platform.testing.PersistenceUnitTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The versions of a piece's file outside OSGi, on Derby (and PostgreSQL when it answers) migrated by the real changelog:
 * bytes in and out, the approval round each version belongs to, which ones the customer reviewed, the timeline, the
 * approval e-mail naming the current version, types by content, and tenancy.
 */
class PieceFilesTest extends PersistenceUnitTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};

    PieceFilesTest() {
        super("ijob", PieceProgress.class, "db/clientele-ijob.xml");
    }

    private IJobUnitWiring ijob;

    @Override
    protected void wire(JpaUnitFixture on) {
        ijob = new IJobUnitWiring(on);
        ijob.customer(A, "cust-a", "contact-a");
        ijob.customer(A, "cust-a2", "contact-a2");
        ijob.customer(B, "cust-b", "contact-b");
    }

    @Override
    protected void worksOnPostgresql(JpaUnitFixture pg) {
        versionsThroughAChangeRequest(ijob);
    }

    @Test
    void versionsRunThroughAChangeRequestToApproval() {
        versionsThroughAChangeRequest(ijob);
    }

    private static PieceFiles.StaffFile add(IJobUnitWiring w, String agency, String pieceId, String name, String type, byte[] content) {
        try (BytesUpload file = new BytesUpload(name, type, content)) {
            return w.staff(agency, () -> w.files.add(pieceId, file));
        }
    }

    private static byte[] bytes(PieceFiles.Stored stored) {
        try {
            return Files.readAllBytes(stored.content());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            stored.discard();
        }
    }

    private void versionsThroughAChangeRequest(IJobUnitWiring w) {
        JpaUnitFixture f = w.db;
        Job job = w.staff(A, () -> w.opening.open(new Inputs.NewJob("cust-a", "Files", true, null, null, null, null)));
        Piece piece = w.staff(A, () -> w.pieces.createPiece(job.id(), new Inputs.NewPiece("Poster", null, List.of(
                new Inputs.NewStep("TASK", "Design", null, null), new Inputs.NewStep("CUSTOMER_APPROVAL", null, null, null)))));
        assertNull(w.contact(A, "contact-a", () -> w.portal.get(piece.id())).currentFile(), "no file before the team uploads one");

        PieceFiles.StaffFile v1 = add(w, A, piece.id(), "C:\\work\\poster.png", "image/png", PNG);
        assertEquals(1, v1.versionNumber());
        assertEquals(1, v1.round());
        assertFalse(v1.reviewed());
        assertEquals("poster.png", v1.name(), "stored without its path");
        assertEquals("image/png", v1.contentType());
        assertEquals(PNG.length, v1.size());
        assertEquals(1, w.staff(A, () -> w.pieces.getPiece(piece.id())).version(), "a new version moves the piece on");

        // the design is done: the approval opens and its e-mail names the current version
        Piece waiting = w.staff(A, () -> w.workflow.completeStep(piece.id(), piece.steps().get(0).id()));
        assertEquals(PieceStatus.AWAITING_CUSTOMER, waiting.status());
        assertEquals(1, f.count("SELECT COUNT(*) FROM platform_outbox WHERE recipient = ? AND text_body LIKE ?", "contact-a@customer.example",
                "%1%poster.png%"));

        PortalPieces.PortalPiece seen = w.contact(A, "contact-a", () -> w.portal.get(piece.id()));
        assertEquals(v1.id(), seen.currentFile().id());
        assertEquals(List.of(), seen.earlierFiles());
        assertArrayEquals(PNG, bytes(w.contact(A, "contact-a", () -> w.portal.file(piece.id(), v1.id()))), "the same bytes");
        // another customer's contact, and another agency's contact and staff: 404
        assertEquals(404, assertThrows(ProblemException.class, () -> w.contact(A, "contact-a2", () -> w.portal.file(piece.id(), v1.id()))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> w.contact(B, "contact-b", () -> w.portal.file(piece.id(), v1.id()))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> w.staff(B, () -> w.files.list(piece.id()))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> w.staff(B, () -> w.files.content(piece.id(), v1.id()))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> w.staff(B, () -> {
            w.files.delete(piece.id(), v1.id());
            return null;
        })).status());

        // an SVG (text with a script) is refused by its content, naming the field
        UploadService.Refused svg = assertThrows(UploadService.Refused.class, () -> add(w, A, piece.id(), "logo.svg", "image/svg+xml",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(UploadService.Refused.Reason.UNACCEPTED_TYPE, svg.reason());
        assertEquals("file", svg.fields().get(0).field());

        // the customer asks for changes: version 1 is reviewed and stays
        w.contact(A, "contact-a", () -> w.portal.requestChanges(piece.id(), new Inputs.ChangeRequest("Bigger logo")));
        assertTrue(w.staff(A, () -> w.files.list(piece.id())).items().get(0).reviewed());
        ProblemException kept = assertThrows(ProblemException.class, () -> w.staff(A, () -> {
            w.files.delete(piece.id(), v1.id());
            return null;
        }));
        assertEquals(409, kept.status());

        // the alteration: a wrong upload deleted, version 2 (a PDF proof) answers the change request
        PieceFiles.StaffFile wrong = add(w, A, piece.id(), "wrong.png", null, PNG);
        w.staff(A, () -> {
            w.files.delete(piece.id(), wrong.id());
            return null;
        });
        byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1);
        PieceFiles.StaffFile v2 = add(w, A, piece.id(), "poster-v2.pdf", "application/pdf", pdf);
        assertEquals(3, v2.versionNumber(), "numbers are never reused");
        assertEquals(2, v2.round());
        Piece altered = w.staff(A, () -> w.pieces.getPiece(piece.id()));
        String alteration = altered.steps().stream().filter(s -> s.type() == io.clientele.ijob.api.StepType.CUSTOMER_ALTERATION).findFirst()
                .orElseThrow().id();
        w.staff(A, () -> w.workflow.completeStep(piece.id(), alteration));
        assertEquals(1, f.count("SELECT COUNT(*) FROM platform_outbox WHERE recipient = ? AND text_body LIKE ?", "contact-a@customer.example",
                "%poster-v2.pdf%"), "the reopened approval's one e-mail names version 3");
        assertEquals(2, f.count("SELECT COUNT(*) FROM platform_outbox WHERE recipient = ?", "contact-a@customer.example"),
                "uploads send no e-mail of their own");

        PortalPieces.PortalPiece second = w.contact(A, "contact-a", () -> w.portal.get(piece.id()));
        assertEquals(v2.id(), second.currentFile().id());
        assertEquals("application/pdf", second.currentFile().contentType());
        assertEquals(List.of(v1.id()), second.earlierFiles().stream().map(PieceFiles.PortalFile::id).toList());
        assertTrue(second.earlierFiles().get(0).reviewed());
        assertFalse(second.currentFile().reviewed());
        assertArrayEquals(pdf, bytes(w.contact(A, "contact-a", () -> w.portal.file(piece.id(), v2.id()))));
        assertEquals(404, assertThrows(ProblemException.class, () -> w.contact(A, "contact-a", () -> w.portal.file(piece.id(), wrong.id())))
                .status(), "a deleted version is gone");
        // the timeline shows which version answered the change request
        List<String> shown = second.timeline().stream().filter(e -> e.fileVersion() != null || "CHANGES_REQUESTED".equals(e.action()))
                .map(e -> e.action() + (e.fileVersion() == null ? "" : " " + e.fileVersion() + " " + e.fileName())).toList();
        assertEquals(List.of("FILE_UPLOADED 1 poster.png", "CHANGES_REQUESTED", "FILE_UPLOADED 2 wrong.png", "FILE_DELETED 2 wrong.png",
                "FILE_UPLOADED 3 poster-v2.pdf"), shown);

        w.contact(A, "contact-a", () -> w.portal.approve(piece.id()));
        List<PieceFiles.StaffFile> all = w.staff(A, () -> w.files.list(piece.id())).items();
        assertEquals(List.of(3, 1), all.stream().map(PieceFiles.StaffFile::versionNumber).toList(), "newest first");
        assertTrue(all.stream().allMatch(PieceFiles.StaffFile::reviewed));
        List<TimelineEntry> staffTimeline = w.staff(A, () -> w.pieces.getPiece(piece.id())).timeline();
        assertEquals("3", staffTimeline.stream().filter(e -> "FILE_UPLOADED".equals(e.action())).reduce((a, b) -> b).orElseThrow().changes().get(0)
                .get("to"));
        assertEquals(A, f.column("SELECT agency_id FROM ijob_piece_file_content WHERE id = ?", v2.id()));
        assertEquals(2, f.count("SELECT COUNT(*) FROM ijob_piece_file_content c JOIN ijob_piece_file p ON p.id = c.id WHERE p.piece_id = ?",
                piece.id()), "the deleted version's bytes went with it");
    }
}
