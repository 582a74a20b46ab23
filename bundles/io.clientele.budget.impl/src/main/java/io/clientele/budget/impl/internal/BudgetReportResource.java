package io.clientele.budget.impl.internal;

import io.clientele.budget.api.BudgetBalance;
import io.clientele.budget.api.BudgetState;
import io.clientele.budget.impl.internal.BudgetStore.ReportLine;
import io.clientele.platform.api.export.ExportService;
import io.clientele.platform.api.export.SpooledExport;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.QueryParams;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.sheets.SheetFormat;
import io.clientele.platform.sheets.SheetWriter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/reports/budget-management}: per customer and campaign, amount, committed (open commitments),
 * spent, remaining and % used, flagged WARNING at or above the agency's threshold and OVERSPENT above 100 %.
 * Budgets of customers the caller may not see are left out.
 */
@Path("/v1/reports/budget-management")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Budgets")
@Component(service = BudgetReportResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + BudgetModule.ID})
public class BudgetReportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv";
    private static final List<String> COLUMNS = List.of("budgetId", "customerId", "customerName", "campaign", "currency", "amount",
            "committed", "spent", "remaining", "percentUsed", "state", "startDate", "endDate");
    private static final Map<String, Comparator<Item>> SORTS = Map.ofEntries(
            Map.entry("customerName", Comparator.comparing(Item::customerName, String.CASE_INSENSITIVE_ORDER)),
            Map.entry("campaign", Comparator.comparing(Item::campaign, String.CASE_INSENSITIVE_ORDER)),
            Map.entry("currency", Comparator.comparing(Item::currency)),
            Map.entry("amount", decimal(Item::amount)),
            Map.entry("committed", decimal(Item::committed)),
            Map.entry("spent", decimal(Item::spent)),
            Map.entry("remaining", decimal(Item::remaining)),
            Map.entry("percentUsed", decimal(Item::percentUsed)),
            Map.entry("state", Comparator.comparing(Item::state)),
            Map.entry("startDate", Comparator.comparing(Item::startDate)),
            Map.entry("endDate", Comparator.comparing(Item::endDate)));

    private final BudgetStore budgets;
    private final ExportService exports;

    @Activate
    public BudgetReportResource(@Reference BudgetStore budgets, @Reference ExportService exports) {
        this.budgets = budgets;
        this.exports = exports;
    }

    @Schema(name = "BudgetReportItem")
    public record Item(String budgetId, String customerId, String customerName, String campaign, String currency,
                       @Schema(example = "1000.00") String amount, @Schema(description = "open commitments") String committed,
                       String spent, @Schema(description = "amount - committed - spent") String remaining,
                       @Schema(example = "85.50", description = "(committed + spent) / amount * 100, HALF_UP") String percentUsed,
                       BudgetState state, LocalDate startDate, LocalDate endDate) {
        static Item of(ReportLine line) {
            BudgetBalance b = line.balance();
            return new Item(line.budget().id(), line.budget().customerId(), java.util.Objects.toString(line.customer().name(), ""), line.budget().campaign(),
                    b.amount().currencyCode(), b.amount().toPlainString(), b.committed().toPlainString(), b.spent().toPlainString(),
                    b.remaining().toPlainString(), b.percentUsed().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(), b.state(), line.budget().startDate(),
                    line.budget().endDate());
        }
    }

    @Schema(name = "BudgetReport")
    public record Report(List<Item> items) {
    }

    @GET
    @Operation(operationId = "getBudgetManagementReport",
            summary = "The budget management report (sort: customerName, campaign, currency, amount, committed, spent, "
            + "remaining, percentUsed, state, startDate, endDate; prefix - for descending; default customerName then campaign)")
    public Report report(@QueryParam("customerId") String customerId,
                         @Parameter(description = "true: only WARNING and OVERSPENT; false: only OK", schema = @Schema(type = "boolean"))
                         @QueryParam("overThreshold") String overThreshold,
                         @Parameter(description = "OK, WARNING or OVERSPENT (comma-separated for several)") @QueryParam("state") String state,
                         @Parameter(description = "budgets whose period ends on or after this date (YYYY-MM-DD)") @QueryParam("from") String from,
                         @Parameter(description = "budgets whose period starts on or before this date (YYYY-MM-DD)") @QueryParam("to") String to,
                         @QueryParam("sort") String sort) {
        return new Report(items(customerId, overThreshold, state, from, to, sort));
    }

    @GET
    @Path("/export")
    @Produces({CSV, XLSX, MediaType.APPLICATION_JSON})
    @Operation(operationId = "exportBudgetManagementReport",
            summary = "The report as a file (format csv or xlsx, same filters); text cells that a spreadsheet could read as a "
            + "formula get a leading apostrophe")
    @ApiResponse(responseCode = "200", description = "The file (Content-Disposition: attachment)", content = {
            @Content(mediaType = CSV, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary"))})
    public Response export(@Parameter(description = "csv (default) or xlsx") @QueryParam("format") String format,
                           @QueryParam("customerId") String customerId,
                           @Parameter(schema = @Schema(type = "boolean")) @QueryParam("overThreshold") String overThreshold,
                           @QueryParam("state") String state, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("sort") String sort) {
        SheetFormat f = format == null || format.isBlank() ? SheetFormat.CSV
                : SheetFormat.named(format).orElseThrow(() -> ProblemException.invalid("format", "must be csv or xlsx"));
        String name = "budget-management-" + LocalDate.now() + "." + f.extension();
        // written to a temporary file row by row (the platform's export spool), then sent from it: the file is never
        // held in memory and a slow download holds no database connection
        SpooledExport file = exports.spool(out -> {
            List<Item> items = items(customerId, overThreshold, state, from, to, sort);
            SheetWriter.write(out, f, SheetWriter.Table.of("Budget management", COLUMNS), rows -> {
                for (Item i : items) {
                    rows.row(cells(i));
                }
            });
        });
        return Response.ok(file, f == SheetFormat.CSV ? CSV + ";charset=UTF-8" : XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Content-Length", file.size()).build();
    }

    /** A report line's cells: the sums as numbers (number cells in an XLSX), the rest as text. */
    private static List<Object> cells(Item i) {
        return java.util.Arrays.asList(i.budgetId(), i.customerId(), i.customerName(), i.campaign(), i.currency(),
                number(i.amount()), number(i.committed()), number(i.spent()), number(i.remaining()), number(i.percentUsed()),
                i.state().name(), i.startDate().toString(), i.endDate().toString());
    }

    private static BigDecimal number(String decimal) {
        return decimal == null ? null : new BigDecimal(decimal);
    }

    private List<Item> items(String customerId, String overThreshold, String state, String from, String to, String sort) {
        FieldErrors errors = new FieldErrors();
        String customer = customerId == null || customerId.isBlank() ? null : customerId.trim();
        Boolean over = QueryParams.booleanParam("overThreshold", overThreshold);
        Set<BudgetState> states = states(errors, state);
        LocalDate fromDate = Dates.date(errors, "from", from, false);
        LocalDate toDate = Dates.date(errors, "to", to, false);
        Comparator<Item> order = order(errors, sort);
        errors.throwIfAny();
        if (customer != null && customer.length() > 36) {
            return List.of();
        }
        List<Item> items = new ArrayList<>();
        // sums and the threshold filter come from the database; the state list is applied to what it answers
        for (ReportLine line : budgets.report(customer, fromDate, toDate, over)) {
            if (states == null || states.contains(line.balance().state())) {
                items.add(Item.of(line));
            }
        }
        items.sort(order);
        return items;
    }

    private static Set<BudgetState> states(FieldErrors errors, String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        Set<BudgetState> out = EnumSet.noneOf(BudgetState.class);
        for (String s : state.split(",")) {
            try {
                out.add(BudgetState.valueOf(s.trim()));
            } catch (IllegalArgumentException e) {
                errors.add("state", "must be OK, WARNING or OVERSPENT (comma-separated for several)");
                return null;
            }
        }
        return out;
    }

    private static Comparator<Item> order(FieldErrors errors, String sort) {
        Comparator<Item> tieBreak = Comparator.comparing(Item::customerName, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Item::campaign, String.CASE_INSENSITIVE_ORDER).thenComparing(Item::budgetId);
        if (sort == null || sort.isBlank()) {
            return tieBreak;
        }
        String s = sort.trim();
        boolean descending = s.startsWith("-");
        Comparator<Item> c = SORTS.get(descending ? s.substring(1) : s);
        if (c == null) {
            errors.add("sort", "must be one of " + new java.util.TreeSet<>(SORTS.keySet()) + ", optionally prefixed with -");
            return tieBreak;
        }
        return (descending ? c.reversed() : c).thenComparing(tieBreak);
    }

    private static Comparator<Item> decimal(Function<Item, String> field) {
        return Comparator.comparing(i -> new BigDecimal(field.apply(i)));
    }
}
