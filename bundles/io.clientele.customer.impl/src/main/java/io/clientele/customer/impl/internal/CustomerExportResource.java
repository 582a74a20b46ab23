package io.clientele.customer.impl.internal;

import io.clientele.platform.api.export.ExportService;
import io.clientele.platform.api.export.SpooledExport;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.sheets.SheetFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /api/v1/customers/export}: the customer list as a CSV or XLSX download. */
@Path("/v1/customers/export")
@Tag(name = "Customers")
@Component(service = CustomerExportResource.class, property = RestResource.PUBLISHED)
public class CustomerExportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv";

    private final CustomerExporter exporter;
    private final ExportService exports;

    @Activate
    public CustomerExportResource(@Reference CustomerExporter exporter, @Reference ExportService exports) {
        this.exporter = exporter;
        this.exports = exports;
    }

    @GET
    @Produces({CSV, XLSX})
    @Operation(operationId = "exportCustomers",
            summary = "Export customers as a file (format=csv|xlsx, default csv). Takes the list's filters and sort; "
            + "restricted customers the caller may not see are left out. columns=name,companyName,… picks columns by field "
            + "name (address.city, complementary.bankName, …) or header; default: name, companyName, personType, documentNumber, "
            + "email, phone, segmentId, statusId, sectorId, responsibleManagerId, serviceManagerId, address.city, address.state, "
            + "address.country, restricted, supplier, updatedAt. Lookup columns hold the entry's NAME and user columns the user's "
            + "E-MAIL (so the file can be edited and imported again); lists are separated by '; '. Cells starting with = + - @, "
            + "tab or CR are neutralised: a leading apostrophe in CSV, a quote-prefixed (text) cell in XLSX.")
    @ApiResponse(responseCode = "200", description = "The file (Content-Disposition: attachment)", content = {
            @Content(mediaType = CSV, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary"))})
    public Response export(@QueryParam("format") String format, @QueryParam("columns") String columns,
                           @QueryParam("q") String q, @QueryParam("segmentId") String segmentId,
                           @QueryParam("statusId") String statusId, @QueryParam("attractionChannelId") String attractionChannelId,
                           @QueryParam("sectorId") String sectorId, @QueryParam("responsibleManagerId") String responsibleManagerId,
                           @QueryParam("city") String city, @QueryParam("state") String state,
                           @Parameter(schema = @Schema(type = "boolean")) @QueryParam("supplier") String supplier,
                           @Parameter(schema = @Schema(type = "boolean")) @QueryParam("restricted") String restricted,
                           @QueryParam("groupId") String groupId, @QueryParam("createdFrom") String createdFrom,
                           @QueryParam("createdTo") String createdTo, @QueryParam("updatedSince") String updatedSince,
                           @QueryParam("updatedTo") String updatedTo,
                           @Parameter(schema = @Schema(type = "boolean")) @QueryParam("archived") String archived,
                           @QueryParam("sort") String sort) {
        CustomerListParams query = new CustomerListParams(q, segmentId, statusId, attractionChannelId, sectorId,
                responsibleManagerId, city, state, supplier, restricted, groupId, createdFrom, createdTo, updatedSince, updatedTo,
                archived, sort);
        SheetFormat f = format(format);
        List<String> unknown = new ArrayList<>();
        List<ExchangeColumn> chosen = ExchangeColumn.parseList(columns, unknown);
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("columns", "unknown column(s): " + String.join(", ", unknown.stream()
                    .map(u -> u.length() > 60 ? u.substring(0, 60) + "…" : u).limit(10).toList()));
        }
        CustomerFilter filter = query.filter();
        CustomerSort order = query.order();
        // written to a temporary file now, inside the request (a database failure is still answered as a problem), and
        // sent from the file afterwards: a client that downloads slowly holds no database connection
        SpooledExport file = exports.spool(out -> exporter.export(out, f, chosen, filter, order));
        return download(file, f, "customers-" + LocalDate.now(ZoneOffset.UTC)).header("Content-Length", file.size()).build();
    }

    static SheetFormat format(String format) {
        if (format == null || format.isBlank()) {
            return SheetFormat.CSV;
        }
        return SheetFormat.named(format).orElseThrow(() -> ProblemException.invalid("format", "must be csv or xlsx"));
    }

    static Response.ResponseBuilder download(StreamingOutput body, SheetFormat format, String baseName) {
        boolean xlsx = format == SheetFormat.XLSX;
        return Response.ok(body, xlsx ? XLSX : CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + baseName + "." + format.extension() + "\"")
                .header("Cache-Control", "no-store");
    }
}
