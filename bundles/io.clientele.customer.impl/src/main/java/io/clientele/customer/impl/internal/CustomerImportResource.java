package io.clientele.customer.impl.internal;

import io.clientele.customer.api.CustomerAction;
import io.clientele.customer.api.CustomerExchange.ImportError;
import io.clientele.customer.api.CustomerExchange.ImportResult;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.idempotency.IdempotencyService;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.QueryParams;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.api.upload.UploadService;
import io.clientele.platform.sheets.SheetFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** {@code /api/v1/customers/import}: the import template and the spreadsheet import. */
@Path("/v1/customers/import")
@Tag(name = "Customers")
@Component(service = CustomerImportResource.class, property = RestResource.PUBLISHED, configurationPid = "io.clientele.customer.exchange")
@Designate(ocd = ExchangeConfig.class)
public class CustomerImportResource {

    private final CustomerImporter importer;
    private final CustomerExporter exporter;
    private final IdempotencyService idempotency;
    private final UploadService uploads;
    private final ImportRunStore runs;
    private final long maxUploadBytes;

    /** The multipart form, for the OpenAPI document. */
    @Schema(name = "CustomerImportUpload")
    public static final class Upload {
        @Schema(type = "string", format = "binary", description = "the XLSX or CSV file (detected by content)")
        public String file;
    }

    @Activate
    public CustomerImportResource(@Reference CustomerImporter importer, @Reference CustomerExporter exporter,
                                  @Reference IdempotencyService idempotency, @Reference UploadService uploads,
                                  @Reference ImportRunStore runs, ExchangeConfig config) {
        this.importer = importer;
        this.exporter = exporter;
        this.idempotency = idempotency;
        this.uploads = uploads;
        this.runs = runs;
        this.maxUploadBytes = Math.max(1024, config.maxUploadBytes());
    }

    @GET
    @Path("/template")
    @Produces({CustomerExportResource.CSV, CustomerExportResource.XLSX})
    @Operation(operationId = "getCustomerImportTemplate",
            summary = "The import template (format=xlsx|csv, default xlsx): one header row of the importable columns; "
            + "the XLSX has a second sheet 'Lookups' listing the agency's active lookup values and users to pick from")
    @ApiResponse(responseCode = "200", description = "The file (Content-Disposition: attachment)", content = {
            @Content(mediaType = CustomerExportResource.CSV, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = CustomerExportResource.XLSX, schema = @Schema(type = "string", format = "binary"))})
    public Response template(@QueryParam("format") String format) {
        SheetFormat f = format == null || format.isBlank() ? SheetFormat.XLSX
                : CustomerExportResource.format(format);
        io.clientele.platform.api.Principal caller = RequestContext.principal();
        StreamingOutput body = out -> RequestContext.runAs(caller, () -> {
            try {
                exporter.template(out, f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return CustomerExportResource.download(body, f, "customer-import-template").build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = Upload.class)))
    @Operation(operationId = "importCustomers",
            summary = "Import customers from an XLSX or CSV file (multipart part 'file'; the format is detected by content). "
            + "The first row names the columns (template headers or field names); lookups may be given by name or id, users by "
            + "e-mail or id, lists separated by ';'. Every row is validated like POST /customers. Answers "
            + "{rows, created, errors:[{row, column, message}]} (row as the spreadsheet shows it, header = 1; at most 1,000 errors, "
            + "errorsTruncated tells when there were more). dryRun=true (default false) writes nothing and answers 200 even with "
            + "errors. A real import writes all rows in one transaction or none: with any error it answers 400 problem+json "
            + "(code validation_failed) carrying rows, created=0 and the same errors. Files over the configured limit (default "
            + "20 MB) are 413, and so are workbooks that expand past 20 times that limit, shared texts past twice it, more rows than "
            + "the configured maximum (default 500,000) or than a sheet holds; zip bombs and unreadable workbooks 400; content that "
            + "is neither XLSX nor CSV 415. Number cells keep every digit as typed; formulas without a calculated value, error "
            + "values and cells over 32,767 characters are reported at their row and column. The file is streamed to a temporary "
            + "file and refused (413) as soon as it passes the limit; while the node receives or imports as many uploads as it takes "
            + "at once (default 4), 503 with Retry-After. Honours Idempotency-Key. "
            + "Who: ADMIN; a SERVICE or ASSISTANT user only files whose every row names them as service manager or assistant "
            + "(otherwise 403 forbidden naming the rows, nothing written, dry run too); others 403.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ImportResult.class)))
    public Response importFile(@Parameter(schema = @Schema(type = "boolean")) @QueryParam("dryRun") String dryRun,
                               @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                               @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                               @HeaderParam("Idempotency-Key") String idempotencyKey, InputStream body) {
        mayImport();
        boolean dry = Boolean.TRUE.equals(QueryParams.booleanParam("dryRun", dryRun));
        // the file goes to a temporary file (the XLSX reader needs a seekable file), refused as soon as it passes the limit
        try (io.clientele.platform.api.upload.Upload upload = uploads.receiveFile(contentType, contentLength, body, maxUploadBytes)) {
            ImportResult result = idempotency.execute(idempotencyKey, dry ? "customers.import.dry-run" : "customers.import", upload.sha256(),
                    ImportResult.class, () -> importer.importOrReject(upload.file(), dry));
            return Response.ok(result).build();
        } catch (CustomerImporter.Rejected rejected) {
            return rejectedResponse(rejected.result());
        }
    }

    /** The list of import runs. */
    public record ImportRunList(List<ImportRunStore.ImportRun> items) {
    }

    @GET
    @Path("/runs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listCustomerImportRuns",
            summary = "The agency's recent imports, newest first (limit, default 20, at most 100; kept 90 days): each with state "
            + "(RUNNING, SUCCEEDED, REJECTED = nothing written because of bad rows, FAILED = refused or ended by an error, "
            + "INTERRUPTED = its node stopped while it ran), dryRun, who started it and when, rowsRead so far, rowsTotal (the "
            + "rows the file declares, when it declares them, else known at the end), percent (of the file read), created "
            + "(customers written so far; committed only when the run SUCCEEDED) and errors. A running import updates its run "
            + "about once a second, so a client polls this list (or the run) to show progress while its POST is under way. "
            + "Who: ADMIN sees every run; SERVICE and ASSISTANT users their own; others 403.")
    public ImportRunList runs(@Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + ImportRunStore.MAX_LIST,
                                      defaultValue = "20"))
                              @QueryParam("limit") String limit) {
        mayImport();
        return new ImportRunList(runs.recent(QueryParams.intParam("limit", limit, 20, 1, ImportRunStore.MAX_LIST)));
    }

    @GET
    @Path("/runs/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getCustomerImportRun",
            summary = "One import run (see GET /customers/import/runs); 404 when it is not there or not the caller's to see")
    public ImportRunStore.ImportRun run(@PathParam("id") String id) {
        mayImport();
        return runs.get(id);
    }

    private static void mayImport() {
        RoleRules.refusal(RequestContext.principal(), CustomerAction.IMPORT, null).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
    }

    /** 400 problem+json that also carries the import result. */
    private static Response rejectedResponse(ImportResult result) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://clientele.io/problems/validation-failed");
        problem.put("title", "Bad Request");
        problem.put("status", 400);
        problem.put("detail", "The file has invalid rows; nothing was imported.");
        problem.put("code", "validation_failed");
        List<Map<String, Object>> errors = result.errors().stream().map(CustomerImportResource::error).toList();
        problem.put("errors", errors);
        problem.put("rows", result.rows());
        problem.put("created", 0);
        problem.put("errorsTruncated", result.errorsTruncated());
        problem.put("correlationId", RequestContext.correlationId().orElseGet(() -> UUID.randomUUID().toString()));
        return Response.status(400).type("application/problem+json").entity(problem).build();
    }

    private static Map<String, Object> error(ImportError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("row", e.row());
        m.put("column", e.column());
        m.put("field", e.column() == null ? "file" : e.column());
        m.put("message", e.message());
        return m;
    }
}
