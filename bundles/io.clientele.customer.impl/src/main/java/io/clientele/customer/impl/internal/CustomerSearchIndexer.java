package io.clientele.customer.impl.internal;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives text-search words to customers that have none: rows written before search existed (an upgrade) or
 * loaded straight into the database. It runs once in the background when the bundle starts, a batch per
 * transaction, so start-up is not held up; customers written through the registry are indexed as they are saved.
 * It works across agencies because it is the registry's own maintenance of its own tables: each row's
 * words are written with that row's agency.
 */
@Component(service = CustomerSearchIndexer.class, immediate = true)
public class CustomerSearchIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerSearchIndexer.class);
    private static final int BATCH = 1000;

    private record Row(String id, String agencyId, String name, String companyName, String email, String documentDigits) {
    }

    private final Database database;
    private final Thread worker;
    private volatile boolean stopped;

    @Activate
    public CustomerSearchIndexer(@Reference Database database, @Reference CustomerSchema schema) {
        this.database = database;
        this.worker = new Thread(this::indexMissing, "clientele-customer-search-indexer");
        worker.setDaemon(true);
        worker.start();
    }

    @Deactivate
    void stop() throws InterruptedException {
        stopped = true;
        worker.join(10_000);
    }

    private void indexMissing() {
        long indexed = 0;
        String after = "";
        try {
            while (!stopped) {
                String from = after; // walks the primary key, so each batch starts where the last one ended
                List<Row> rows = database.inTransaction(c -> {
                    List<Row> batch = Jdbc.query(c, "SELECT id, agency_id, name, company_name, email, document_digits FROM customer"
                                    + " WHERE id > ? AND search_text IS NULL ORDER BY id" + database.dialect().limit(BATCH),
                            rs -> new Row(rs.getString("id"), rs.getString("agency_id"), rs.getString("name"),
                                    rs.getString("company_name"), rs.getString("email"), rs.getString("document_digits")), from);
                    try (PreparedStatement text = c.prepareStatement("UPDATE customer SET search_text = ? WHERE id = ?");
                         PreparedStatement clear = c.prepareStatement("DELETE FROM customer_search_term WHERE agency_id = ? AND customer_id = ?");
                         PreparedStatement term = c.prepareStatement(
                                 "INSERT INTO customer_search_term (agency_id, customer_id, term) VALUES (?, ?, ?)")) {
                        for (Row r : batch) {
                            Set<String> words = CustomerSearch.terms(r.name(), r.companyName(), r.email(), r.documentDigits());
                            Jdbc.bind(text, CustomerSearch.searchText(words), r.id());
                            text.addBatch();
                            Jdbc.bind(clear, r.agencyId(), r.id());
                            clear.addBatch();
                            for (String w : words) {
                                Jdbc.bind(term, r.agencyId(), r.id(), w);
                                term.addBatch();
                            }
                        }
                        clear.executeBatch();
                        term.executeBatch();
                        text.executeBatch();
                    }
                    return batch;
                });
                indexed += rows.size();
                if (rows.size() < BATCH) {
                    break;
                }
                after = rows.get(rows.size() - 1).id();
            }
            if (indexed > 0) {
                LOG.info("Indexed {} customers for text search", indexed);
            }
        } catch (RuntimeException e) {
            LOG.error("Indexing customers for text search stopped after {} customers; it resumes at the next start", indexed, e);
        }
    }
}
