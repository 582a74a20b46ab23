package io.clientele.monthlyfee.impl.internal;

import io.clientele.customer.api.CustomerAction;
import io.clientele.customer.api.CustomerRights;
import io.clientele.monthlyfee.impl.internal.Fees.Fee;
import io.clientele.monthlyfee.impl.internal.Fees.FeeEntry;
import io.clientele.monthlyfee.impl.internal.Fees.NewFee;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.api.upload.Upload;
import io.clientele.platform.api.upload.UploadService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** {@code /api/v1/monthly-fees}: fees of customers, their signed contract and their monthly entries. */
@Path("/v1/monthly-fees")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Monthly fees")
@Component(service = MonthlyFeesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + MonthlyFeeModule.ID},
        configurationPid = "io.clientele.monthlyfee", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MonthlyFeeConfig.class)
public class MonthlyFeesResource {

    static final String PDF = "application/pdf";
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";

    private final FeeStore fees;
    private final CustomerRights rights;
    private final UploadService uploads;
    private volatile long maxBytes;

    @Activate
    public MonthlyFeesResource(@Reference FeeStore fees, @Reference CustomerRights rights, @Reference UploadService uploads,
                               MonthlyFeeConfig config) {
        this.fees = fees;
        this.rights = rights;
        this.uploads = uploads;
        modified(config);
    }

    @Modified
    void modified(MonthlyFeeConfig config) {
        this.maxBytes = Math.max(1, Math.min(config.documentMaxBytes(), Integer.MAX_VALUE - 16L));
    }

    @GET
    @Operation(operationId = "listMonthlyFees", summary = "List monthly fees, optionally of one customer (?customerId=)")
    public Page<Fee> list(@QueryParam("customerId") String customerId, @QueryParam("limit") String limit,
                          @QueryParam("cursor") String cursor) {
        return fees.list(customerId, PageRequest.of(limit, cursor));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createMonthlyFee", summary = "Create a monthly fee; its monthly entries are generated at once")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = Fee.class)))
    public Response create(NewFee request, @Context UriInfo uri) {
        rights.refusal(CustomerAction.PREPARE, request == null ? null : request.customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        Fee created = fees.create(request);
        return Response.created(Locations.of(uri, "/v1/monthly-fees/" + created.id())).entity(created)
                .tag(ETags.of(created.version())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getMonthlyFee", summary = "Read a monthly fee; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Fee.class)))
    public Response get(@PathParam("id") String id) {
        Fee fee = fees.get(id);
        return Response.ok(fee).tag(ETags.of(fee.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateMonthlyFee",
            summary = "Change a fee's terms (JSON merge patch; If-Match); entries not yet billed follow, billed ones never change")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Fee.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Map<String, Object> patch) {
        rights.refusal(CustomerAction.PREPARE, fees.get(id).customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        Fee updated = fees.patch(id, ETags.expectedVersion(ifMatch), patch);
        return Response.ok(updated).tag(ETags.of(updated.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteMonthlyFee", summary = "Cancel a fee: entries not yet billed are cancelled, billed ones stay")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    public Response cancel(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        rights.refusal(CustomerAction.PREPARE, fees.get(id).customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        fees.cancel(id, ETags.expectedVersion(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/entries")
    @Operation(operationId = "listMonthlyFeeEntries", summary = "The fee's monthly entries, by month")
    public Page<FeeEntry> entries(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return fees.entries(id, PageRequest.of(limit, cursor));
    }

    @PUT
    @Path("/{id}/document")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "replaceMonthlyFeeDocument",
            summary = "Upload the signed contract as the request body: a PDF, PNG or JPEG file (checked by its content). "
            + "Larger than the configured limit (default 10 MB): 413 as soon as the limit is passed; 503 with Retry-After when "
            + "the node is receiving as many uploads as it takes at once")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Fee.class)))
    public Response upload(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) throws IOException {
        rights.refusal(CustomerAction.PREPARE, fees.get(id).customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        try (Upload file = uploads.receiveBody(contentType, contentLength, body, maxBytes)) {
            if (file.size() == 0) {
                throw ProblemException.invalid("file", "is empty");
            }
            String detected;
            try (InputStream start = file.open()) {
                detected = detect(start.readNBytes(8));
            }
            if (detected == null) {
                throw ProblemException.unsupportedMediaType("The signed contract must be a PDF, PNG or JPEG file.");
            }
            if (!agrees(contentType, detected)) {
                throw ProblemException.unsupportedMediaType("The file is declared as " + contentType + " but its content is " + detected + ".");
            }
            Fee updated;
            try (InputStream content = file.open()) {
                updated = fees.storeDocument(id, detected, new Jdbc.BinaryStream(content, file.size()));
            }
            return Response.ok(updated).tag(ETags.of(updated.version())).build();
        }
    }

    @GET
    @Path("/{id}/document")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "getMonthlyFeeDocument", summary = "Download the signed contract")
    @ApiResponse(responseCode = "200", description = "The file as stored, with its content type", content = @Content(mediaType = "*/*",
            schema = @Schema(type = "string", format = "binary")))
    public Response download(@PathParam("id") String id) {
        FeeStore.StoredDocument document = fees.document(id);
        String extension = switch (document.document().contentType()) {
            case PDF -> "pdf";
            case PNG -> "png";
            default -> "jpg";
        };
        return Response.ok(document.content(), document.document().contentType())
                .header("Content-Disposition", "attachment; filename=\"contract-" + id + "." + extension + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    /** PDF, PNG or JPEG by their magic numbers; anything else is {@code null}. */
    static String detect(byte[] data) {
        if (data.length >= 5 && data[0] == '%' && data[1] == 'P' && data[2] == 'D' && data[3] == 'F' && data[4] == '-') {
            return PDF;
        }
        if (data.length >= 8 && (data[0] & 0xff) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G' && data[4] == '\r'
                && data[5] == '\n' && data[6] == 0x1a && data[7] == '\n') {
            return PNG;
        }
        if (data.length >= 3 && (data[0] & 0xff) == 0xff && (data[1] & 0xff) == 0xd8 && (data[2] & 0xff) == 0xff) {
            return JPEG;
        }
        return null;
    }

    /** A declared type must not contradict the content; none, or application/octet-stream, agrees with anything. */
    static boolean agrees(String declared, String detected) {
        if (declared == null || declared.isBlank()) {
            return true;
        }
        String d = declared.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return d.isEmpty() || d.equals("application/octet-stream") || d.equals(detected)
                || (detected.equals(JPEG) && (d.equals("image/jpg") || d.equals("image/pjpeg")))
                || (detected.equals(PDF) && d.equals("application/x-pdf"));
    }
}
