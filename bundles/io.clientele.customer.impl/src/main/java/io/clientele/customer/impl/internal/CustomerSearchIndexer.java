package io.clientele.customer.impl.internal;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
 * words are written with that row's agency. A row without {@code search_text} has no words yet: the registry
 * writes both in one transaction, so there is nothing to delete first.
 */
@Component(service = CustomerSearchIndexer.class, immediate = true)
public class CustomerSearchIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerSearchIndexer.class);
    private static final int BATCH = 1000;

    private record Row(String id, String agencyId, String name, String companyName, String email, String documentDigits) {
    }

    private static final Comparator<String[]> INDEX_ORDER =
            Comparator.<String[], String>comparing(t -> t[0]).thenComparing(t -> t[1]).thenComparing(t -> t[2]);

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
        AtomicLong indexed = new AtomicLong();
        String after = "";
        try {
            // one pass over the table answers the common case (every customer has its words) without walking the key
            boolean anyMissing = database.inTransaction(c -> !Jdbc.query(c, "SELECT id FROM customer WHERE search_text IS NULL"
                    + database.dialect().limit(1), rs -> rs.getString(1)).isEmpty());
            while (anyMissing && !stopped) {
                String from = after; // walks the primary key, so each batch starts where the last one ended
                // Two steps, because "id > ? AND search_text IS NULL ORDER BY id FETCH FIRST n" is planned by Derby as a
                // scan and sort of the whole table for every batch: the next ids from the primary key alone, then those of
                // them without words.
                List<String> ids = database.inTransaction(c -> Jdbc.query(c,
                        "SELECT id FROM customer WHERE id > ? ORDER BY id" + database.dialect().limit(BATCH), rs -> rs.getString(1), from));
                if (ids.isEmpty()) {
                    break;
                }
                database.inTransaction(c -> {
                    List<Row> batch = Jdbc.query(c, "SELECT id, agency_id, name, company_name, email, document_digits FROM customer"
                                    + " WHERE id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") AND search_text IS NULL",
                            rs -> new Row(rs.getString("id"), rs.getString("agency_id"), rs.getString("name"),
                                    rs.getString("company_name"), rs.getString("email"), rs.getString("document_digits")), ids.toArray());
                    List<String[]> terms = new ArrayList<>(batch.size() * 6); // agency id, term, customer id
                    // "AND search_text IS NULL": a customer saved through the registry since the SELECT has its words already
                    try (PreparedStatement text = c.prepareStatement("UPDATE customer SET search_text = ? WHERE id = ? AND search_text IS NULL");
                         PreparedStatement term = c.prepareStatement(
                                 "INSERT INTO customer_search_term (agency_id, customer_id, term) VALUES (?, ?, ?)")) {
                        List<Set<String>> wordsOfRows = new ArrayList<>(batch.size());
                        for (Row r : batch) {
                            Set<String> words = CustomerSearch.terms(r.name(), r.companyName(), r.email(), r.documentDigits());
                            wordsOfRows.add(words);
                            Jdbc.bind(text, CustomerSearch.searchText(words), r.id());
                            text.addBatch();
                        }
                        int[] updated = text.executeBatch();
                        for (int i = 0; i < batch.size(); i++) {
                            if (updated[i] != 0) { // 1, or SUCCESS_NO_INFO from a driver that does not count
                                indexed.incrementAndGet();
                                for (String w : wordsOfRows.get(i)) {
                                    terms.add(new String[] {batch.get(i).agencyId(), w, batch.get(i).id()});
                                }
                            }
                        }
                        // in index order, so the batch walks the term index once instead of a random page per word
                        terms.sort(INDEX_ORDER);
                        for (String[] t : terms) {
                            Jdbc.bind(term, t[0], t[2], t[1]);
                            term.addBatch();
                        }
                        term.executeBatch();
                    }
                    return null;
                });
                if (ids.size() < BATCH) {
                    break;
                }
                after = ids.get(ids.size() - 1);
            }
            if (indexed.get() > 0) {
                LOG.info("Indexed {} customers for text search", indexed.get());
            }
        } catch (RuntimeException e) {
            LOG.error("Indexing customers for text search stopped after {} customers; it resumes at the next start", indexed.get(), e);
        }
    }
}
