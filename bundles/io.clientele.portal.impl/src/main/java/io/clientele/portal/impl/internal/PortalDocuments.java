package io.clientele.portal.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.api.upload.FileNames;
import io.clientele.platform.api.upload.FileTypes;
import io.clientele.platform.api.upload.Upload;
import io.clientele.platform.api.upload.UploadService;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Documents both ways between an agency and its customers' contacts, the agency's documents shown to every portal user,
 * and the agency's portal logo. Files arrive through the platform's {@link UploadService} (streamed to a temporary file,
 * refused as soon as they pass the configured size), their type is decided by their bytes ({@link FileTypes}), never by
 * their name, and the bytes are streamed over JDBC into {@code portal_document_content} in the same transaction as the
 * metadata. A contact reaches its own customer's documents and the agency's {@code NEW_USER} ones only (anything else:
 * 404); staff reach a customer's documents exactly when they see the customer.
 */
@Component(service = PortalDocuments.class, configurationPid = "io.clientele.portal")
public class PortalDocuments {

    /** What a document may be: PDF, PNG, JPEG or WebP images, Word, Excel and PowerPoint documents. */
    static final Set<String> DOCUMENT_TYPES = Set.of(FileTypes.PDF, FileTypes.PNG, FileTypes.JPEG, FileTypes.WEBP, FileTypes.DOCX,
            FileTypes.XLSX, FileTypes.PPTX);
    static final String DOCUMENT_TYPES_TEXT = "PDF, PNG, JPEG or WebP images, or Word, Excel or PowerPoint (.docx, .xlsx, .pptx) documents";
    /** What a logo may be: raster images only (an SVG can carry scripts and is refused). */
    static final Set<String> LOGO_TYPES = Set.of(FileTypes.PNG, FileTypes.JPEG, FileTypes.WEBP);
    static final String LOGO_TYPES_TEXT = "a PNG, JPEG or WebP image (SVG is not accepted: it can carry scripts)";

    private final EntityWork work;
    private final TenantTable contents;
    private final UploadService uploads;
    private final CustomerDirectory customers;
    private final UserDirectory users;
    private final HistoryService history;
    private final AgencyDirectory agencies;
    private final PortalSettingsStore settings;
    private volatile long maxDocumentBytes;
    private volatile long maxLogoBytes;

    @Activate
    public PortalDocuments(@Reference Database database, @Reference(target = "(osgi.unit.name=portal)") EntityManagerFactory unit,
                           @Reference PortalModule module, @Reference UploadService uploads, @Reference CustomerDirectory customers,
                           @Reference UserDirectory users, @Reference HistoryService history, @Reference AgencyDirectory agencies,
                           @Reference PortalSettingsStore settings, PortalConfig config) {
        this.work = new EntityWork(database, unit);
        this.contents = new TenantTable(database, "portal_document_content");
        this.uploads = uploads;
        this.customers = customers;
        this.users = users;
        this.history = history;
        this.agencies = agencies;
        this.settings = settings;
        modified(config);
    }

    @Modified
    void modified(PortalConfig config) {
        this.maxDocumentBytes = Math.max(1, Math.min(config.documentMaxBytes(), Integer.MAX_VALUE - 16L));
        this.maxLogoBytes = Math.max(1, Math.min(config.logoMaxBytes(), Integer.MAX_VALUE - 16L));
    }

    // ---- views

    /**
     * A document as a customer's contacts see it: {@code from} is {@code CUSTOMER} (one of the customer's contacts uploaded
     * it, {@code uploadedBy} names the contact) or {@code AGENCY} (no staff names or ids).
     */
    public record ContactDocument(String id, String fileName, String contentType, long size, String from, String uploadedBy,
                                  Instant createdAt) {
        static ContactDocument of(DocumentRecord r) {
            boolean byContact = DocumentRecord.BY_CONTACT.equals(r.uploaderKind());
            return new ContactDocument(r.id(), r.fileName(), r.contentType(), r.size(), byContact ? "CUSTOMER" : "AGENCY",
                    byContact ? r.uploaderName() : null, r.createdAt());
        }
    }

    /**
     * A document as staff see it: who uploaded it ({@code uploaderKind} CONTACT or STAFF, the contact's or user's id and
     * name) and when; {@code customerId} is null for the agency's documents shown to every portal user.
     */
    public record StaffDocument(String id, String customerId, String fileName, String contentType, long size, String sha256,
                                String uploaderKind, String uploaderId, String uploaderName, Instant createdAt) {
        static StaffDocument of(DocumentRecord r) {
            return new StaffDocument(r.id(), r.customerId(), r.fileName(), r.contentType(), r.size(), r.sha256(), r.uploaderKind(),
                    r.uploaderId(), r.uploaderName(), r.createdAt());
        }
    }

    /** A document's bytes with what a download needs. */
    public record Stored(String fileName, String contentType, String sha256, byte[] content) {
    }

    // ---- contacts

    /** The contact uploads a file for its customer (multipart part {@code file}). */
    public ContactDocument upload(Contact contact, String contentType, String contentLength, InputStream body) {
        DocumentRecord r = store(DocumentRecord.CUSTOMER, contact.customerId(), DocumentRecord.BY_CONTACT, contact.id(), contact.name(),
                contentType, contentLength, body, maxDocumentBytes, DOCUMENT_TYPES, PortalTexts.MESSAGES.text("documents.types"));
        return ContactDocument.of(r);
    }

    /** The contact's customer's documents and the agency's shared with every portal user, newest first. */
    public Page<ContactDocument> listFor(Contact contact, PageRequest request) {
        return page("(e.scope = :customerScope AND e.customerId = :customerId) OR e.scope = :newUser",
                Map.of("customerScope", DocumentRecord.CUSTOMER, "customerId", contact.customerId(), "newUser", DocumentRecord.NEW_USER),
                request).map(ContactDocument::of);
    }

    /** One of the documents the contact sees, with its bytes; any other id is 404. */
    public Stored contentFor(Contact contact, String id) {
        return content(id, r -> DocumentRecord.NEW_USER.equals(r.scope())
                || DocumentRecord.CUSTOMER.equals(r.scope()) && contact.customerId().equals(r.customerId()));
    }

    // ---- staff, for a customer

    public StaffDocument staffUpload(String customerId, String contentType, String contentLength, InputStream body) {
        ServiceDesk.visibleCustomer(customers, customerId);
        Principal p = RequestContext.principal();
        return StaffDocument.of(store(DocumentRecord.CUSTOMER, customerId, DocumentRecord.BY_STAFF, p.id(), staffName(p), contentType,
                contentLength, body, maxDocumentBytes, DOCUMENT_TYPES, PortalTexts.MESSAGES.text("documents.types")));
    }

    public Page<StaffDocument> staffList(String customerId, PageRequest request) {
        ServiceDesk.visibleCustomer(customers, customerId);
        return page("e.scope = :customerScope AND e.customerId = :customerId",
                Map.of("customerScope", DocumentRecord.CUSTOMER, "customerId", customerId), request).map(StaffDocument::of);
    }

    public Stored staffContent(String customerId, String id) {
        ServiceDesk.visibleCustomer(customers, customerId);
        return content(id, ofCustomer(customerId));
    }

    public void staffDelete(String customerId, String id) {
        ServiceDesk.visibleCustomer(customers, customerId);
        delete(id, ofCustomer(customerId));
    }

    private static Predicate<DocumentRecord> ofCustomer(String customerId) {
        return r -> DocumentRecord.CUSTOMER.equals(r.scope()) && customerId.equals(r.customerId());
    }

    // ---- the agency's documents shown to every portal user (ADMIN)

    public StaffDocument agencyUpload(String contentType, String contentLength, InputStream body) {
        Principal p = RequestContext.principal();
        return StaffDocument.of(store(DocumentRecord.NEW_USER, null, DocumentRecord.BY_STAFF, p.id(), staffName(p), contentType,
                contentLength, body, maxDocumentBytes, DOCUMENT_TYPES, PortalTexts.MESSAGES.text("documents.types")));
    }

    public Page<StaffDocument> agencyList(PageRequest request) {
        return page("e.scope = :newUser", Map.of("newUser", DocumentRecord.NEW_USER), request).map(StaffDocument::of);
    }

    public Stored agencyContent(String id) {
        return content(id, r -> DocumentRecord.NEW_USER.equals(r.scope()));
    }

    public void agencyDelete(String id) {
        delete(id, r -> DocumentRecord.NEW_USER.equals(r.scope()));
    }

    // ---- logo

    /**
     * Replaces the agency's portal logo (a raster image checked by its bytes) and points the settings' {@code logoUrl} at
     * the public logo endpoint (versioned, so caches pick up a new one at once).
     */
    public String replaceLogo(String contentType, String contentLength, InputStream body) {
        Principal p = RequestContext.principal();
        Agency agency = agencies.findById(p.agencyId()).orElseThrow(() -> new IllegalStateException("no agency"));
        DocumentRecord r = store(DocumentRecord.LOGO, null, DocumentRecord.BY_STAFF, p.id(), staffName(p), contentType, contentLength,
                body, maxLogoBytes, LOGO_TYPES, PortalTexts.MESSAGES.text("documents.logo_types"));
        String url = logoPath(agency.slug()) + "?v=" + r.sha256().substring(0, 16);
        return work.inTransaction(em -> {
            removeLogos(em, r.id());
            settings.changeLogoUrl(url);
            return url;
        });
    }

    /** Removes the uploaded logo and the settings' {@code logoUrl}. */
    public void removeLogo() {
        work.inTransaction(em -> {
            removeLogos(em, null);
            settings.changeLogoUrl(null);
            return null;
        });
    }

    /** Removes every logo but {@code keep}'s. */
    private void removeLogos(EntityManager em, String keep) {
        for (DocumentRecord old : em.createQuery("SELECT e FROM PortalDocument e WHERE e.scope = :logo", DocumentRecord.class)
                .setParameter("logo", DocumentRecord.LOGO).getResultList()) {
            if (old.id().equals(keep)) {
                continue;
            }
            contents.delete("id = ?", List.of(old.id()));
            em.remove(old);
        }
        em.flush();
    }

    static String logoPath(String slug) {
        return "/api/v1/portal/agencies/" + slug + "/logo";
    }

    /** The agency's uploaded logo (the current agency: the public endpoint runs as the agency of the slug). */
    public Optional<Stored> logo() {
        return work.inTransaction(em -> em.createQuery("SELECT e FROM PortalDocument e WHERE e.scope = :logo", DocumentRecord.class)
                .setParameter("logo", DocumentRecord.LOGO).getResultList().stream().findFirst().map(r -> stored(r)));
    }

    // ---- common

    private DocumentRecord store(String scope, String customerId, String uploaderKind, String uploaderId, String uploaderName,
                                 String contentType, String contentLength, InputStream body, long maxBytes, Set<String> accepted,
                                 String acceptedText) {
        try (Upload file = uploads.receiveFile(contentType, contentLength, body, maxBytes)) {
            String detected = FileTypes.require(file, accepted, acceptedText);
            String fileName = FileNames.sanitize(file.fileName());
            return work.inTransaction(em -> {
                DocumentRecord r = new DocumentRecord(Jdbc.newId(), scope, customerId, fileName, detected, file.size(), file.sha256(),
                        uploaderKind, uploaderId, uploaderName, EntityWork.now());
                em.persist(r);
                em.flush();
                try (InputStream content = file.open()) {
                    contents.insert(Map.of("id", r.id(), "content", new Jdbc.BinaryStream(content, file.size())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                recordHistory(r, "UPLOADED", em);
                return r;
            });
        }
    }

    private void recordHistory(DocumentRecord r, String action, EntityManager em) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("fileName", r.fileName());
        snapshot.put("contentType", r.contentType());
        snapshot.put("size", r.size());
        snapshot.put("uploadedBy", r.uploaderKind() + ":" + r.uploaderName());
        Map<String, Object> before = "DELETED".equals(action) ? snapshot : Map.of();
        Map<String, Object> after = "DELETED".equals(action) ? Map.of() : snapshot;
        if (DocumentRecord.CUSTOMER.equals(r.scope())) {
            history.record("customer", r.customerId(), "portal-document", r.id(), action, HistoryService.diff(before, after));
            if (!"DELETED".equals(action)) {
                em.persist(PortalEventRecord.of(Jdbc.newId(), r.customerId(), "DOCUMENT", Map.of("variant",
                        DocumentRecord.BY_CONTACT.equals(r.uploaderKind()) ? "uploaded" : "shared", "fileName", r.fileName()), r.id(),
                        r.createdAt()));
            }
        } else {
            history.record("agency-settings", PortalModule.ID, DocumentRecord.LOGO.equals(r.scope()) ? "portal-logo" : "portal-document",
                    r.id(), action, HistoryService.diff(before, after));
        }
    }

    private Page<DocumentRecord> page(String condition, Map<String, Object> params, PageRequest request) {
        return work.inTransaction(em -> KeysetPages.page(em, DocumentRecord.class, KeysetPages.newestFirst(), condition, params, request,
                null));
    }

    private Optional<DocumentRecord> record(EntityManager em, String id, Predicate<DocumentRecord> reachable) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(DocumentRecord.class, id)).filter(reachable);
    }

    private Stored content(String id, Predicate<DocumentRecord> reachable) {
        return work.inTransaction(em -> record(em, id, reachable).map(this::stored))
                .orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.document", Map.of("id", String.valueOf(id)))));
    }

    private Stored stored(DocumentRecord r) {
        byte[] bytes = contents.find("id = ?", List.of(r.id()), null, 1, rs -> {
            try (InputStream in = rs.getBinaryStream("content")) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new SQLException("cannot read document content", e);
            }
        }).stream().findFirst().orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.document", Map.of("id", r.id()))));
        return new Stored(r.fileName(), r.contentType(), r.sha256(), bytes);
    }

    private void delete(String id, Predicate<DocumentRecord> reachable) {
        work.inTransaction(em -> {
            DocumentRecord r = record(em, id, reachable).orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.document", Map.of("id", String.valueOf(id)))));
            contents.delete("id = ?", List.of(r.id()));
            em.remove(r);
            em.flush();
            recordHistory(r, "DELETED", em);
            return null;
        });
    }

    private String staffName(Principal p) {
        if (p.kind() != PrincipalKind.STAFF) {
            return null;
        }
        return users.find(p.id()).map(User::name).orElse(null);
    }
}
