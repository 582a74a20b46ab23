package io.clientele.customer.api;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Bulk access to the customer registry of the caller's agency, for the shell and other modules: counting,
 * a keyset-paged listing and the spreadsheet import (the same one as {@code POST /api/v1/customers/import}).
 * Reads apply the restricted-customer rule of the caller.
 */
@ProviderType
public interface CustomerExchange {

    /** How many (non-archived) customers the caller may see. */
    long count();

    /** One page of (non-archived) customers the caller may see, ordered by name; {@code cursor} from the previous slice. */
    Slice list(int limit, String cursor);

    /**
     * Imports an XLSX or CSV file (detected by its content). Every row is validated like {@code POST /customers};
     * when {@code dryRun} is false and no row has an error, all rows are written in one transaction, otherwise nothing is.
     * A caller who may not import some row ({@link CustomerAction#IMPORT}: a SERVICE or ASSISTANT user's row that names
     * neither of them) gets the whole file refused, nothing written; the shell imports as the platform, without that limit.
     */
    ImportResult importFile(Path file, boolean dryRun);

    /** A page of customers and the cursor of the next one (null on the last). */
    record Slice(List<Customer> items, String nextCursor) {
        public Slice {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** The outcome of an import: data rows read, customers created, and every bad cell (first 1,000). */
    record ImportResult(int rows, int created, List<ImportError> errors, boolean errorsTruncated) {
        public ImportResult {
            errors = errors == null ? List.of() : List.copyOf(errors);
        }
    }

    /** A bad cell: its spreadsheet row (the header is row 1), its column header, and what is wrong. */
    record ImportError(int row, String column, String message) {
    }
}
