package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.customer.api.Address;
import io.clientele.customer.api.CustomerEvents;
import io.clientele.customer.api.CustomerSettings;
import io.clientele.customer.api.LegalEntity;
import io.clientele.customer.api.Lookup;
import io.clientele.customer.api.LookupKind;
import io.clientele.customer.impl.internal.CommentStore.Attachment;
import io.clientele.customer.impl.internal.CommentStore.Comment;
import io.clientele.customer.impl.internal.CommentStore.CommentRequest;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.Cursor;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.platform.testing.PersistenceUnitTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The customer registry's persistence unit and the stores on it (legal entities, views, lookups, settings, comments and
 * attachments) outside OSGi, on Derby migrated by the real changelogs (and PostgreSQL when it answers), wired to the
 * platform's real history, notification, user and event components: the mappings against the schema, tenancy,
 * versions and 412s, the restricted-customer rule, the lists' order and cursors, and one transaction with the JDBC
 * writes (history, attachment bytes).
 */
class CustomerPersistenceTest extends PersistenceUnitTest {

    private static final String A = "agency-a";
    private static final String B = "agency-b";

    CustomerPersistenceTest() {
        super("customer", LookupStore.class, CustomerSchema.CHANGELOG);
    }

    private RegistryStores stores;

    @Override
    protected void wire(JpaUnitFixture on) {
        stores = new RegistryStores(on);
    }

    @Test
    void everyEntityOfPersistenceXmlIsInTheUnit() {
        assertEquals(8, db.unit().getMetamodel().getEntities().size());
    }

    @Override
    protected void worksOnPostgresql(JpaUnitFixture pg) {
        stores.addCustomer(A, "c1", false);
        Lookup lookup = pg.as(A, () -> stores.lookups.create(LookupKind.SEGMENT, "Retail"));
        assertEquals(lookup, pg.as(A, () -> stores.lookups.find(LookupKind.SEGMENT, lookup.id())).orElseThrow());
        assertEquals(List.of(lookup), pg.as(A, () -> stores.lookups.list(LookupKind.SEGMENT, false)));
        LegalEntity entity = pg.as(A, () -> stores.legalEntities.create("c1", legalEntity("Acme Ltda", "11.222.333/0001-81")));
        assertEquals(entity, pg.as(A, () -> stores.legalEntities.get(entity.id())), "what create answered is what PostgreSQL kept");
        ViewStore.View view = pg.as(A, () -> staff("u1", Role.SERVICE, () -> stores.views.create("Mine", List.of("name"),
                Map.of("q", "acme"), true)));
        assertEquals(view, pg.as(A, () -> staff("u1", Role.SERVICE, () -> stores.views.get(view.id()))));
        assertEquals(List.of("name", "email"), pg.as(A, () -> stores.settings.setRequiredFields(List.of("email"))));
        assertEquals(List.of("name", "email"), pg.as(A, () -> stores.settings.requiredFields()));
        Comment comment = pg.as(A, () -> stores.comments.create("c1", new CommentRequest("Signed today", List.of())));
        Attachment attachment = pg.as(A, () -> stores.comments.attach(comment.id(), "contract.pdf", "application/pdf", bytes("%PDF-1.4 ok")));
        CommentStore.StoredFile file = pg.as(A, () -> stores.comments.file(attachment.id()));
        assertEquals("%PDF-1.4 ok", new String(file.content(), StandardCharsets.US_ASCII), "the bytes, as BYTEA");
        assertEquals(attachment, file.attachment());
        Comment listed = pg.as(A, () -> stores.comments.list("c1", 10, null)).items().get(0);
        assertEquals(List.of(attachment), listed.attachments());
        assertEquals(comment.createdAt(), listed.createdAt());
    }

    // ---- tenancy

    @Test
    void anAgencyNeverReadsNorChangesAnotherAgencysRows() {
        stores.addCustomer(A, "c1", false);
        Lookup lookup = db.as(A, () -> stores.lookups.create(LookupKind.STATUS, "Active"));
        LegalEntity entity = db.as(A, () -> stores.legalEntities.create("c1", legalEntity("Acme", null)));
        ViewStore.View view = db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.views.create("Mine", List.of("name"), null, false)));
        db.as(A, () -> stores.settings.setRequiredFields(List.of("email")));
        CustomerSettings.Refused unknown = assertThrows(CustomerSettings.Refused.class,
                () -> db.as(A, () -> stores.settings.setRequiredFields(List.of("email", "shoeSize"))));
        assertEquals(CustomerSettings.Refused.Reason.INVALID_INPUT, unknown.reason());
        assertEquals("fields[1]", unknown.fields().get(0).field());
        Comment comment = db.as(A, () -> stores.comments.create("c1", new CommentRequest("Hello", List.of())));
        Attachment attachment = db.as(A, () -> stores.comments.attach(comment.id(), "a.txt", "text/plain", bytes("abc")));

        for (String table : List.of("customer_lookup", "customer_legal_entity", "customer_view", "customer_settings", "customer_comment",
                "customer_attachment")) {
            assertEquals(0, stores.count("SELECT COUNT(*) FROM " + table + " WHERE agency_id <> ?", A), table + ": written as agency A");
        }
        assertTrue(db.as(B, () -> stores.lookups.find(LookupKind.STATUS, lookup.id())).isEmpty());
        assertEquals(List.of(), db.as(B, () -> stores.lookups.list(LookupKind.STATUS, true)));
        assertTrue(db.as(B, () -> stores.legalEntities.find(entity.id())).isEmpty());
        assertEquals(List.of(), db.as(B, () -> stores.legalEntities.ofCustomer("c1")));
        assertEquals(404, status(() -> db.as(B, () -> stores.legalEntities.list("c1"))), "another agency's customer is missing");
        assertEquals(404, status(() -> db.as(B, () -> staff("u1", Role.SERVICE, () -> stores.views.get(view.id())))));
        assertEquals(List.of(), db.as(B, () -> staff("u1", Role.SERVICE, () -> stores.views.mine())));
        assertEquals(CustomerSettings.DEFAULT_REQUIRED_FIELDS, db.as(B, () -> stores.settings.requiredFields()));
        assertEquals(404, status(() -> db.as(B, () -> stores.comments.list("c1", 10, null))));
        assertEquals(404, status(() -> db.as(B, () -> stores.comments.get(comment.id()))));
        assertEquals(404, status(() -> db.as(B, () -> stores.comments.file(attachment.id()))));
        assertEquals(404, status(() -> db.as(B, () -> stores.lookups.update(LookupKind.STATUS, lookup.id(), null, "Mine", null))),
                "another agency's entry is missing, not changeable");
        assertEquals(404, status(() -> db.as(B, () -> {
            stores.legalEntities.delete(entity.id(), null);
            return null;
        })));
        db.as(B, () -> stores.settings.setRequiredFields(List.of("phone")));
        assertEquals(List.of("name", "email"), db.as(A, () -> stores.settings.requiredFields()), "B's settings are B's own row");

        EntityWork work = db.work();
        for (Class<?> type : List.of(LookupRecord.class, LegalEntityRecord.class, ViewRecord.class, CommentRecord.class,
                AttachmentRecord.class)) {
            String id = type == LookupRecord.class ? lookup.id() : type == LegalEntityRecord.class ? entity.id()
                    : type == ViewRecord.class ? view.id() : type == CommentRecord.class ? comment.id() : attachment.id();
            assertNull(db.as(B, () -> work.inTransaction(em -> em.find(type, id))), type.getSimpleName() + " by id");
        }
        assertEquals(1L, (long) db.as(B, () -> work.inTransaction(em -> em.createQuery("SELECT COUNT(s) FROM CustomerSettings s", Long.class)
                .getSingleResult())), "a query without a condition sees the agency's one row");
        assertThrows(IllegalStateException.class, () -> work.inTransaction(em -> em.find(LookupRecord.class, lookup.id())),
                "no agency, no persistence context");
    }

    // ---- versions

    @Test
    void versionsStartAtZeroEachChangeAddsOneAndAStaleWriteIs412() {
        stores.addCustomer(A, "c1", false);
        LegalEntity created = db.as(A, () -> stores.legalEntities.create("c1", legalEntity("Acme", null)));
        assertEquals(0L, created.version());
        assertEquals(0L, versionOf("customer_legal_entity", created.id()));
        LegalEntity patched = db.as(A, () -> stores.legalEntities.patch(created.id(), 0L, Map.of("name", "Acme Holding")));
        assertEquals(1L, patched.version());
        assertEquals("Acme Holding", db.as(A, () -> stores.legalEntities.get(created.id())).name());
        assertEquals(412, status(() -> db.as(A, () -> stores.legalEntities.patch(created.id(), 0L, Map.of("name", "Stale")))));
        assertEquals(412, status(() -> db.as(A, () -> {
            stores.legalEntities.delete(created.id(), 0L);
            return null;
        })));
        // another request changes the row after this one read it: the write over it is 412 and the other change stands
        assertEquals(412, status(() -> db.as(A, () -> db.work().inTransaction(em -> {
            LegalEntityRecord read = em.find(LegalEntityRecord.class, created.id());
            db.bumpVersion("customer_legal_entity", created.id());
            read.change(legalEntity("Lost", null), Instant.now());
            em.flush();
            return null;
        }))));
        assertEquals(2L, versionOf("customer_legal_entity", created.id()));
        assertEquals("Acme Holding", db.as(A, () -> stores.legalEntities.get(created.id())).name());
        db.as(A, () -> {
            stores.legalEntities.delete(created.id(), 2L);
            return null;
        });
        assertEquals(3L, versionOf("customer_legal_entity", created.id()), "the deleted row is kept, one version on");
        assertTrue(db.as(A, () -> stores.legalEntities.find(created.id())).isEmpty());

        Lookup lookup = db.as(A, () -> stores.lookups.create(LookupKind.SECTOR, "Retail"));
        assertEquals(0L, lookup.version());
        assertEquals(1L, db.as(A, () -> stores.lookups.update(LookupKind.SECTOR, lookup.id(), 0L, null, null)).version(),
                "an update changing nothing is still a new version, as before");
        ProblemException stale = assertThrows(ProblemException.class,
                () -> db.as(A, () -> stores.lookups.update(LookupKind.SECTOR, lookup.id(), 0L, "Shops", null)));
        assertEquals(412, stale.status());
        assertEquals("Retail", db.as(A, () -> stores.lookups.find(LookupKind.SECTOR, lookup.id())).orElseThrow().name());

        ViewStore.View view = db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.views.create("Mine", List.of("name"), null, false)));
        assertEquals(0L, view.version());
        assertEquals(1L, db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.views.update(view.id(), 0L, "Ours", null, null, null)))
                .version());
        assertEquals(412, status(() -> db.as(A, () -> staff("u1", Role.SERVICE,
                () -> stores.views.update(view.id(), 0L, "Stale", null, null, null)))));

        db.as(A, () -> stores.settings.setRequiredFields(List.of("email")));
        db.as(A, () -> stores.settings.setRequiredFields(List.of("email")));
        assertEquals(1L, stores.count("SELECT version FROM customer_settings WHERE agency_id = ?", A),
                "every save is a new version of the row, even one choosing the same fields");
        db.as(A, () -> stores.settings.setRequiredFields(List.of("phone")));
        assertEquals(2L, stores.count("SELECT version FROM customer_settings WHERE agency_id = ?", A), "a change is one version more");
        assertEquals(List.of("name", "phone"), db.as(A, () -> stores.settings.requiredFields()));
        assertEquals(3, stores.count("SELECT COUNT(*) FROM platform_history WHERE entity = ? AND agency_id = 'agency-a'", "settings"),
                "each save in the agency's settings history");
    }

    @Test
    void aDefaultViewTakesTheDefaultFromTheOtherOneAndNamesAreUniquePerUser() {
        ViewStore.View first = db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.views.create("Zeta", List.of("name"), null, true)));
        ViewStore.View second = db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.views.create("alpha", List.of("address.city"), null, true)));
        List<ViewStore.View> mine = db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.views.mine()));
        assertEquals(List.of(second.id(), first.id()), mine.stream().map(ViewStore.View::id).toList(), "the default first, then by name");
        assertEquals(1L, mine.get(1).version(), "the former default changed: one version on");
        ProblemException taken = assertThrows(ProblemException.class,
                () -> db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.views.create(" ZETA ", List.of("name"), null, false))));
        assertEquals(409, taken.status());
        assertEquals(1, db.as(A, () -> staff("u2", Role.SERVICE, () -> List.of(stores.views.create("Zeta", List.of("name"), null, false))))
                .size(), "another user may use the name");
        assertEquals(404, status(() -> db.as(A, () -> staff("u2", Role.SERVICE, () -> stores.views.get(first.id())))),
                "another user's view reads as missing");
        assertEquals(404, status(() -> db.as(A, () -> staff("u2", Role.SERVICE, () -> {
            stores.views.delete(first.id());
            return null;
        }))));
        db.as(A, () -> staff("u1", Role.SERVICE, () -> {
            stores.views.delete(first.id());
            return null;
        }));
        assertEquals(0, stores.count("SELECT COUNT(*) FROM customer_view WHERE id = ?", first.id()));
        Lookup retail = db.as(A, () -> stores.lookups.create(LookupKind.SEGMENT, "Retail"));
        assertEquals(409, status(() -> db.as(A, () -> stores.lookups.create(LookupKind.SEGMENT, " retail"))));
        assertEquals(retail, db.as(A, () -> stores.lookups.findActiveByName(LookupKind.SEGMENT, "RETAIL ")).orElseThrow());
        Lookup other = db.as(A, () -> stores.lookups.create(LookupKind.SEGMENT, "b2b"));
        db.as(A, () -> stores.lookups.update(LookupKind.SEGMENT, other.id(), null, null, false));
        assertEquals(List.of(other.id(), "missing"), db.as(A, () -> stores.lookups.unusableIds(LookupKind.SEGMENT,
                List.of(retail.id(), other.id(), "missing"))));
        assertEquals(List.of(retail.id()), db.as(A, () -> stores.lookups.list(LookupKind.SEGMENT, false)).stream().map(Lookup::id).toList());
        assertEquals(List.of(other.id(), retail.id()), db.as(A, () -> stores.lookups.list(LookupKind.SEGMENT, true)).stream()
                .map(Lookup::id).toList(), "by name ignoring case");
    }

    // ---- the restricted-customer rule

    @Test
    void aRestrictedCustomersLegalEntitiesCommentsAndFilesStayHiddenFromStaffWhoDoNotServeIt() {
        stores.addCustomer(A, "open", false);
        stores.addCustomer(A, "closed", true);
        LegalEntity entity = db.as(A, () -> stores.legalEntities.create("closed", legalEntity("Hidden Ltda", null)));
        Comment comment = db.as(A, () -> stores.comments.create("closed", new CommentRequest("Secret", List.of())));
        Attachment file = db.as(A, () -> stores.comments.attach(comment.id(), "s.txt", "text/plain", bytes("secret")));
        db.as(A, () -> stores.legalEntities.create("open", legalEntity("Open Ltda", null)));

        assertTrue(db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.legalEntities.find(entity.id()))).isEmpty());
        assertEquals(List.of(), db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.legalEntities.ofCustomer("closed"))));
        assertEquals(404, status(() -> db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.legalEntities.list("closed")))));
        assertEquals(404, status(() -> db.as(A, () -> staff("u1", Role.SERVICE,
                () -> stores.legalEntities.patch(entity.id(), null, Map.of("name", "Mine"))))));
        assertEquals(404, status(() -> db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.comments.list("closed", 10, null)))));
        assertEquals(404, status(() -> db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.comments.get(comment.id())))));
        assertEquals(404, status(() -> db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.comments.file(file.id())))));
        assertEquals(1, db.as(A, () -> staff("u1", Role.SERVICE, () -> stores.legalEntities.list("open"))).size());
        assertEquals("Hidden Ltda", db.as(A, () -> staff("u2", Role.FINANCE, () -> stores.legalEntities.get(entity.id()))).name(),
                "finance sees every customer");
    }

    // ---- lists

    @Test
    void commentsAreListedNewestFirstWithTheirAttachmentsInKeysetPagesOfTheSameCursor() {
        stores.addCustomer(A, "c1", false);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            created.add(db.as(A, () -> stores.comments.create("c1", new CommentRequest("Comment " + n, List.of()))).id());
        }
        // two comments of one instant: the id breaks the tie, as the cursor does
        Instant same = Instant.parse("2026-12-01T10:00:00.123456Z");
        db.database().inTransaction(c -> Jdbc.update(c, "UPDATE customer_comment SET created_at = ? WHERE id IN (?, ?)", same,
                created.get(1), created.get(2)));
        Attachment one = db.as(A, () -> stores.comments.attach(created.get(3), "1.txt", "text/plain", bytes("1")));
        Attachment two = db.as(A, () -> stores.comments.attach(created.get(3), "2.txt", "text/plain", bytes("22")));
        List<String> expected = db.database().inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT id FROM customer_comment ORDER BY created_at DESC, id DESC");
                 var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String at = cursor;
            Page<Comment> page = db.as(A, () -> stores.comments.list("c1", 2, at));
            for (Comment c : page.items()) {
                seen.add(c.id());
                if (c.id().equals(created.get(3))) {
                    assertEquals(List.of(one, two), c.attachments());
                }
            }
            if (page.nextCursor() != null) {
                Comment last = page.items().get(page.items().size() - 1);
                assertEquals(Cursor.encode(last.createdAt().toString(), last.id()), page.nextCursor(), "the cursor the API always had");
            }
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(expected, seen);
        assertEquals(3, pages);
        assertEquals(400, status(() -> db.as(A, () -> stores.comments.list("c1", 2, Cursor.encode("not-an-instant", "x")))));
    }

    @Test
    void legalEntitiesAreListedByNameWithoutTheDeletedOnes() {
        stores.addCustomer(A, "c1", false);
        LegalEntity zeta = db.as(A, () -> stores.legalEntities.create("c1", legalEntity("Zeta", null)));
        LegalEntity alpha = db.as(A, () -> stores.legalEntities.create("c1", legalEntity("Alpha", "123.456.789-09")));
        LegalEntity gone = db.as(A, () -> stores.legalEntities.create("c1", legalEntity("Beta", null)));
        db.as(A, () -> {
            stores.legalEntities.delete(gone.id(), null);
            return null;
        });
        assertEquals(List.of(alpha, zeta), db.as(A, () -> stores.legalEntities.list("c1")));
        assertEquals("12345678909", db.database().inTransaction(c -> Jdbc.queryOne(c,
                "SELECT tax_id_digits FROM customer_legal_entity WHERE id = ?", rs -> rs.getString(1), alpha.id())).orElseThrow());
        assertEquals(4, stores.count("SELECT COUNT(*) FROM platform_history WHERE root_id = ? AND entity = 'legal-entity'", "c1"),
                "three created, one deleted");
        assertEquals(1, stores.count("SELECT COUNT(*) FROM platform_history WHERE entity_id = ? AND action = 'DELETED'", gone.id()));
    }

    // ---- one transaction with JDBC

    @Test
    void aFailureAfterTheStoresJpaAndJdbcWritesLeavesNeither() {
        stores.addCustomer(A, "c1", false);
        assertThrows(IllegalStateException.class, () -> db.as(A, () -> db.database().inTransaction(c -> {
            Comment comment = stores.comments.create("c1", new CommentRequest("Lost", List.of())); // JPA, then history (JDBC)
            stores.comments.attach(comment.id(), "lost.txt", "text/plain", bytes("lost")); // JPA metadata, then the bytes (JDBC)
            stores.legalEntities.create("c1", legalEntity("Lost Ltda", null));
            throw new IllegalStateException("fails after every write");
        })));
        for (String table : List.of("customer_comment", "customer_attachment", "customer_attachment_content", "customer_legal_entity")) {
            assertEquals(0, stores.count("SELECT COUNT(*) FROM " + table + " WHERE agency_id = ?", A), table);
        }
        assertEquals(0, stores.count("SELECT COUNT(*) FROM platform_history WHERE agency_id = ?", A), "no history");
        assertEquals(List.of(), stores.posted, "no event of a transaction that rolled back");

        Comment kept = db.as(A, () -> stores.comments.create("c1", new CommentRequest("Kept", List.of())));
        assertEquals(List.of(CustomerEvents.COMMENT_CREATED), stores.posted, "an event once its transaction committed");
        assertEquals(1, stores.count("SELECT COUNT(*) FROM platform_history WHERE entity_id = ?", kept.id()));
    }

    @Test
    void aFailureBetweenAJpaWriteAndAJdbcWriteInOneTransactionLeavesNeither() {
        stores.addCustomer(A, "c1", false);
        String id = Jdbc.newId();
        EntityWork work = db.work();
        assertThrows(IllegalStateException.class, () -> db.as(A, () -> db.database().inTransaction(c -> {
            work.inTransaction(em -> {
                em.persist(new AttachmentRecord(id, "c1", "comment-1", "a.txt", "text/plain", 3, "system", Instant.now()));
                return null;
            }); // the EntityManager has committed (flushed) here
            Jdbc.update(c, "INSERT INTO customer_attachment_content (id, agency_id, content) VALUES (?, ?, ?)", id, A,
                    "abc".getBytes(StandardCharsets.US_ASCII));
            throw new IllegalStateException("fails after both writes");
        })));
        assertEquals(0, stores.count("SELECT COUNT(*) FROM customer_attachment WHERE id = ?", id), "the JPA row rolled back");
        assertEquals(0, stores.count("SELECT COUNT(*) FROM customer_attachment_content WHERE id = ?", id), "the JDBC row rolled back");
        assertNull(db.as(A, () -> work.inTransaction(em -> em.find(AttachmentRecord.class, id))), "and no cache kept it");
    }

    // ---- helpers

    private static LegalEntity legalEntity(String name, String taxId) {
        return new LegalEntity(null, null, name, taxId, new Address(null, null, null, null, null, "São Paulo", "SP", "BR"), null, null, null);
    }

    private static Jdbc.BinaryStream bytes(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return new Jdbc.BinaryStream(new ByteArrayInputStream(b), b.length);
    }

    /** Runs {@code work} as staff user {@code userId} of the current agency with {@code role}. */
    private static <T> T staff(String userId, Role role, Supplier<T> work) {
        Principal caller = RequestContext.principal();
        return RequestContext.runAs(new Principal(PrincipalKind.STAFF, userId, "User " + userId, caller.agencyId(), caller.agencySlug(),
                Set.of(role), null), work);
    }

    private static int status(Runnable call) {
        return assertThrows(ProblemException.class, call::run).status();
    }

    private long versionOf(String table, String id) {
        return db.version(table, id);
    }
}
