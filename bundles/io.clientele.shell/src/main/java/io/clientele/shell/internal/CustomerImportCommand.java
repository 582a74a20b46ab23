package io.clientele.shell.internal;

import io.clientele.customer.api.CustomerExchange;
import io.clientele.customer.api.CustomerExchange.ImportError;
import io.clientele.customer.api.CustomerExchange.ImportResult;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "clientele", name = "customer-import",
        description = "Imports customers from an XLSX or CSV file into an agency: all rows or, with any bad row, none")
public class CustomerImportCommand implements Action {

    @Reference
    AgencyDirectory agencies;

    @Reference
    CustomerExchange customers;

    @Argument(index = 0, name = "slug", required = true, description = "The agency's slug")
    String slug;

    @Argument(index = 1, name = "file", required = true, description = "The XLSX or CSV file (same columns as the import template)")
    String file;

    @Option(name = "--dry-run", description = "Only validate: report the errors and write nothing")
    boolean dryRun;

    @Override
    public Object execute() {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            System.err.println("No file " + file);
            return null;
        }
        long started = System.nanoTime();
        ImportResult result;
        try {
            result = CustomerCommands.asAgency(agencies, slug, "shell import", () -> customers.importFile(path, dryRun));
        } catch (ProblemException e) {
            System.err.println(Problems.describe(e));
            return null;
        }
        if (result == null) {
            return null;
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        for (ImportError e : result.errors()) {
            System.out.println("row " + e.row() + (e.column() == null ? "" : ", " + e.column()) + ": " + e.message());
        }
        if (result.errorsTruncated()) {
            System.out.println("… more errors not shown");
        }
        System.out.println(result.rows() + " rows, " + result.created() + " created, " + result.errors().size() + " errors"
                + (dryRun ? " (dry run: nothing written)" : result.errors().isEmpty() ? "" : " (nothing written)") + " in " + ms + " ms");
        return null;
    }
}
