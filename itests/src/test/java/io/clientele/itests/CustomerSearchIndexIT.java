package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Customers without search words (written before text search existed, or loaded straight into the database) are
 * given their words in the background when the registry starts, and a customer saved meanwhile keeps its own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CustomerSearchIndexIT extends ClienteleTestSupport {

    @Test
    public void customersWithoutSearchWordsBecomeSearchableWhenTheRegistryStarts() throws Exception {
        String admin = createAgency("legacy");
        String agencyId = service(AgencyDirectory.class).findBySlug("legacy").orElseThrow().id();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_205; i++) { // more than one batch of the indexer
            ids.add(Jdbc.newId());
        }
        Database database = service(Database.class);
        RequestContext.runAs(Principal.system(agencyId, "legacy", "itest"), () -> database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customer (agency_id, id, name, name_lower, company_name, "
                    + "company_name_lower, person_type, email, email_lower, restricted, supplier, receive_promotional_emails, "
                    + "publish_digital_media, portal_access, product_service_ids, invoice_type_ids, archived, version, created_at, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'COMPANY', ?, ?, false, false, false, false, false, '', '', false, 0, ?, ?)")) {
                Timestamp now = new Timestamp(System.currentTimeMillis());
                for (int i = 0; i < ids.size(); i++) {
                    String name = i == 0 ? "Ipê Legado" : i == 1 ? "Renamed Before Indexing" : "Old Customer " + i;
                    String company = i == 0 ? "Mídia Antiga Ltda" : "Old Company " + i;
                    String email = "old" + i + "@legacy.test";
                    Jdbc.bind(ps, agencyId, ids.get(i), name, name.toLowerCase(), company, company.toLowerCase(), email, email, now, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        }));
        assertEquals("rows without words are not found yet", 0, items("/v1/customers?q=legado", admin).size());

        // saved through the registry before the indexer ran: found by its new words at once, and the indexer leaves it alone
        JsonNode renamed = get("/v1/customers/" + ids.get(1), admin).json();
        Answer patched = call("PATCH", "/v1/customers/" + ids.get(1), bearer(admin), "application/json",
                "{\"name\":\"Novo Nome\"}", "If-Match", "\"" + renamed.path("version").asText() + "\"");
        assertEquals(patched.body(), 200, patched.status());
        assertEquals(ids.get(1), items("/v1/customers?q=novo%20nome", admin).get(0).path("id").asText());

        Bundle registry = List.of(bundleContext.getBundles()).stream()
                .filter(b -> "io.clientele.customer.impl".equals(b.getSymbolicName())).findFirst().orElseThrow();
        registry.stop();
        registry.start();
        await("the indexer gave the old customers their words", 120, () -> {
            try {
                return items("/v1/customers?q=ipe%20midia", admin).size() == 1 && items("/v1/customers?q=customer%201204", admin).size() == 1;
            } catch (RuntimeException | AssertionError e) {
                return false; // the registry is still coming back
            }
        });
        assertEquals(ids.get(0), items("/v1/customers?q=ipe%20midia", admin).get(0).path("id").asText());
        assertEquals(ids.get(0), items("/v1/customers?q=LEGADO", admin).get(0).path("id").asText());
        assertEquals(0, items("/v1/customers?q=renamed", admin).size());
        assertEquals(1, items("/v1/customers?q=novo", admin).size());
        assertEquals(1_204, count("/v1/customers?q=old%20company&limit=200", admin));
    }

    private JsonNode items(String path, String token) {
        Answer a = get(path, token);
        assertEquals(a.body(), 200, a.status());
        JsonNode items = a.json().path("items");
        assertTrue(items.isArray());
        return items;
    }

    private int count(String path, String token) {
        int n = 0;
        String cursor = null;
        do {
            JsonNode page = get(path + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                    java.nio.charset.StandardCharsets.UTF_8)), token).json();
            n += page.path("items").size();
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return n;
    }
}
