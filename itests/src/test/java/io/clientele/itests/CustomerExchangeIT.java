package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Customer export, import template and import through HTTP and the shell, including hostile files and 100,000 rows. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CustomerExchangeIT extends ClienteleTestSupport {

    private static final String HEADER = "Name,Company name,E-mail,Segment,Service manager,Restricted,Payment day\r\n";

    @Override
    @org.ops4j.pax.exam.Configuration
    public org.ops4j.pax.exam.Option[] config() {
        return baseOptions(org.ops4j.pax.exam.CoreOptions.systemProperty("clientele.it.baseline")
                .value(System.getProperty("clientele.it.baseline", "false"))).toArray(new org.ops4j.pax.exam.Option[0]);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Download(int status, String contentType, String disposition, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Download download(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", bearer(token)).GET().build();
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                    r.headers().firstValue("Content-Disposition").orElse(null), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String user(String admin, String agency, String name, String role) {
        Answer a = post("/v1/users", admin, Map.of("name", name, "email", name.toLowerCase() + "@" + agency + ".test",
                "roles", List.of(role), "password", "passphrase of " + name));
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private String lookup(String admin, String kind, String name) {
        Answer a = post("/v1/lookups/" + kind, admin, Map.of("name", name));
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private void customer(String token, Map<String, Object> fields) {
        Answer a = post("/v1/customers", token, fields);
        assertEquals(a.body(), 201, a.status());
    }

    private int count(String token) {
        int n = 0;
        String cursor = null;
        do {
            JsonNode page = get("/v1/customers?limit=200" + (cursor == null ? "" : "&cursor=" + cursor), token).json();
            n += page.path("items").size();
            cursor = page.path("nextCursor").isTextual() ? java.net.URLEncoder.encode(page.path("nextCursor").asText(),
                    StandardCharsets.UTF_8) : null;
        } while (cursor != null);
        return n;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> lines(String csv) {
        return Arrays.asList(csv.replace("\uFEFF", "").split("\r\n"));
    }

    @Test
    public void exportHonoursFiltersColumnsAndRestrictedVisibility() throws IOException {
        String admin = createAgency("export");
        String retail = lookup(admin, "segments", "Retail");
        String sam = user(admin, "export", "Sam", "SERVICE");
        customer(admin, Map.of("name", "Alpha", "companyName", "Alpha Ltd", "segmentId", retail, "phone", "+55 11 5555-0000"));
        customer(admin, Map.of("name", "=HYPERLINK(\"http://evil.test\")", "companyName", "Evil", "segmentId", retail));
        customer(admin, Map.of("name", "Beta", "companyName", "Beta Ltd", "segmentId", retail, "restricted", true));
        customer(admin, Map.of("name", "Gamma", "companyName", "Gamma Ltd", "restricted", true, "serviceManagerId", sam));
        customer(admin, Map.of("name", "Delta", "companyName", "Delta Ltd"));

        Download csv = download("/v1/customers/export?format=csv&segmentId=" + retail + "&columns=name,segmentId,phone", admin);
        assertEquals(csv.text(), 200, csv.status());
        assertTrue(csv.contentType(), csv.contentType().startsWith("text/csv"));
        assertTrue(csv.disposition(), csv.disposition().startsWith("attachment;") && csv.disposition().contains(".csv"));
        assertEquals(List.of("Name,Segment,Phone", "\"'=HYPERLINK(\"\"http://evil.test\"\")\",Retail,",
                "Alpha,Retail,'+55 11 5555-0000", "Beta,Retail,"), lines(csv.text()));

        // a SERVICE user sees unrestricted customers and the restricted one they serve, never Beta
        String samToken = login("export", "sam@export.test", "passphrase of Sam");
        List<String> seen = lines(download("/v1/customers/export?columns=name,restricted", samToken).text());
        assertEquals(List.of("Name,Restricted", "\"'=HYPERLINK(\"\"http://evil.test\"\")\",no", "Alpha,no", "Delta,no", "Gamma,yes"), seen);

        JsonNode bad = assertProblem(get("/v1/customers/export?columns=name,colour", admin), 400, "validation_failed");
        assertEquals("columns", bad.path("errors").get(0).path("field").asText());
        assertProblem(get("/v1/customers/export?format=pdf", admin), 400, "validation_failed");

        Download xlsx = download("/v1/customers/export?format=xlsx&columns=name,companyName&restricted=false", admin);
        assertEquals(200, xlsx.status());
        assertTrue(xlsx.disposition().contains(".xlsx"));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertEquals("Name", sheet.getRow(0).getCell(0).getStringCellValue());
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                Cell cell = sheet.getRow(i).getCell(0);
                names.add(cell.getStringCellValue());
                assertEquals("formula-like text is a quote-prefixed text cell",
                        cell.getStringCellValue().startsWith("="), cell.getCellStyle().getQuotePrefixed());
                assertEquals(org.apache.poi.ss.usermodel.CellType.STRING, cell.getCellType());
            }
            assertEquals(List.of("=HYPERLINK(\"http://evil.test\")", "Alpha", "Delta"), names);
        }
    }

    @Test
    public void templateListsTheImportableColumnsAndTheAgencysLookups() throws IOException {
        String admin = createAgency("template");
        lookup(admin, "segments", "Retail");
        lookup(admin, "statuses", "Prospect");
        Download csv = download("/v1/customers/import/template?format=csv", admin);
        assertEquals(200, csv.status());
        String header = lines(csv.text()).get(0);
        assertTrue(header, header.startsWith("Name,Company name,Person type,Document number,E-mail,Phone,Website,Segment,Status,"));
        assertFalse(header, header.contains("Created at"));

        Download xlsx = download("/v1/customers/import/template", admin);
        assertEquals(200, xlsx.status());
        assertTrue(xlsx.contentType(), xlsx.contentType().startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertEquals("Name", book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue());
            Sheet lookups = book.getSheet("Lookups");
            Map<String, List<String>> byList = new HashMap<>();
            for (int i = 1; i <= lookups.getLastRowNum(); i++) {
                Row r = lookups.getRow(i);
                byList.computeIfAbsent(r.getCell(0).getStringCellValue(), k -> new ArrayList<>()).add(r.getCell(1).getStringCellValue());
            }
            assertEquals(List.of("Retail"), byList.get("Segment"));
            assertEquals(List.of("Prospect"), byList.get("Status"));
            assertTrue(byList.toString(), byList.values().stream().anyMatch(v -> v.contains("admin@template.test")));
        }
    }

    @Test
    public void dryRunReportsEveryBadCellWhereTheUserSeesItAndWritesNothing() {
        String admin = createAgency("dryrun");
        lookup(admin, "segments", "Retail");
        user(admin, "dryrun", "Sam", "SERVICE");
        String csv = HEADER
                + "Ana,Ana Ltda,ana@x.test,retail,sam@dryrun.test,no,10\r\n"
                + ",Nameless Ltda,not-an-email,Retail,,,\r\n"
                + "Bob,Bob Ltda,,Wholesale,nobody@dryrun.test,perhaps,45\r\n"
                + "Cid,Cid Ltda,,,,,\r\n";
        Answer a = upload("/v1/customers/import?dryRun=true", admin, "customers.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(a.body(), 200, a.status());
        JsonNode r = a.json();
        assertEquals(4, r.path("rows").asInt());
        assertEquals(0, r.path("created").asInt());
        Map<String, String> errors = new HashMap<>();
        for (JsonNode e : r.path("errors")) {
            errors.put(e.path("row").asInt() + "/" + e.path("column").asText(), e.path("message").asText());
        }
        assertEquals("is required", errors.get("3/Name"));
        assertEquals("is not a valid e-mail address", errors.get("3/E-mail"));
        assertEquals("'Wholesale' is not an active entry of segments", errors.get("4/Segment"));
        assertTrue(errors.get("4/Service manager"), errors.get("4/Service manager").contains("not a user"));
        assertEquals("must be yes or no (true or false)", errors.get("4/Restricted"));
        assertEquals("must be a day of the month, 1 to 31", errors.get("4/Payment day"));
        assertEquals(errors.toString(), 6, errors.size());
        assertEquals("a dry run writes nothing", 0, count(admin));

        Answer clean = upload("/v1/customers/import?dryRun=true", admin, "c.csv", (HEADER + "Ana,Ana Ltda,,,,,\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(1, clean.json().path("rows").asInt());
        assertEquals(0, clean.json().path("created").asInt());
        assertEquals(0, clean.json().path("errors").size());
        assertEquals(0, count(admin));
    }

    @Test
    public void aRealImportWritesEveryRowWithHistoryAndHonoursIdempotencyKey() throws IOException {
        String admin = createAgency("realimport");
        String retail = lookup(admin, "segments", "Retail");
        String sam = user(admin, "realimport", "Sam", "SERVICE");
        byte[] file = (HEADER
                + "Ana,Ana Ltda,ana@x.test,RETAIL,sam@realimport.test,yes,10\r\n"
                + "Bob,Bob Ltda,,,,,\r\n"
                + "Cid,\"Cid, Irmãos & Cia\",,Retail,,no,\r\n").getBytes(StandardCharsets.UTF_8);
        Answer a = upload("/v1/customers/import", admin, "customers.csv", file, "Idempotency-Key", "import-1");
        assertEquals(a.body(), 200, a.status());
        assertEquals(3, a.json().path("created").asInt());
        assertEquals(3, count(admin));
        Answer again = upload("/v1/customers/import", admin, "customers.csv", file, "Idempotency-Key", "import-1");
        assertEquals(again.body(), 200, again.status());
        assertEquals(3, again.json().path("created").asInt());
        assertEquals("a retried import with the same key writes nothing more", 3, count(admin));

        JsonNode ana = get("/v1/customers?q=ana", admin).json().path("items").get(0);
        assertEquals(retail, ana.path("segmentId").asText());
        assertEquals(sam, ana.path("serviceManagerId").asText());
        assertTrue(ana.path("restricted").asBoolean());
        assertEquals(10, ana.path("complementary").path("paymentDay").asInt());
        JsonNode history = get("/v1/customers/" + ana.path("id").asText() + "/history", admin).json().path("items");
        assertEquals(1, history.size());
        assertEquals("CREATED", history.get(0).path("action").asText());
        assertTrue(history.get(0).path("changes").toString(), history.get(0).path("changes").toString().contains("\"Ana Ltda\""));
        assertEquals("Cid, Irmãos & Cia", get("/v1/customers?q=cid", admin).json().path("items").get(0).path("companyName").asText());

        // the shell sees the same registry
        assertEquals("3", executeCommand("clientele:customer-count realimport").trim());
        String listed = executeCommand("clientele:customer-list realimport");
        assertTrue(listed, listed.contains("Ana Ltda") && listed.contains("Bob Ltda"));
        Path csv = Files.createTempFile("shell-import", ".csv");
        Files.write(csv, (HEADER + "Dora,Dora Ltda,,,,,\r\nEd,,,,,,\r\n").getBytes(StandardCharsets.UTF_8));
        String dry = executeCommand("clientele:customer-import --dry-run realimport " + csv);
        assertTrue(dry, dry.contains("row 3, Company name: is required") && dry.contains("2 rows, 0 created, 1 errors"));
        Files.write(csv, (HEADER + "Dora,Dora Ltda,,,,,\r\n").getBytes(StandardCharsets.UTF_8));
        String real = executeCommand("clientele:customer-import realimport " + csv);
        assertTrue(real, real.contains("1 rows, 1 created, 0 errors"));
        assertEquals("4", executeCommand("clientele:customer-count realimport").trim());
    }

    @Test
    public void importRunsShowWhoImportedWhatAndHowItEndedToThoseWhoMayImport() {
        String admin = createAgency("importruns");
        user(admin, "importruns", "Sam", "SERVICE");
        user(admin, "importruns", "Cole", "COLLABORATOR");
        String sam = login("importruns", "sam@importruns.test", "passphrase of Sam");
        String cole = login("importruns", "cole@importruns.test", "passphrase of Cole");
        byte[] good = (HEADER + "Ana,Ana Ltda,,,,,\r\nBob,Bob Ltda,,,,,\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = (HEADER + "Ana,Ana Ltda,,,,,\r\nEd,,,,,,\r\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(200, upload("/v1/customers/import", admin, "good.csv", good).status());
        assertEquals(200, upload("/v1/customers/import?dryRun=true", admin, "bad.csv", bad).status());
        assertEquals(400, upload("/v1/customers/import", admin, "bad.csv", bad).status());
        byte[] sams = (HEADER + "Cid,Cid Ltda,,,sam@importruns.test,,\r\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(200, upload("/v1/customers/import", sam, "sams.csv", sams).status());

        JsonNode all = get("/v1/customers/import/runs", admin).json().path("items");
        assertEquals(all.toString(), 4, all.size());
        // newest first: Sam's, the rejected real import, the dry run, the first import
        assertEquals("SUCCEEDED", all.get(0).path("state").asText());
        assertEquals("Sam", all.get(0).path("startedByName").asText());
        assertEquals("REJECTED", all.get(1).path("state").asText());
        assertEquals(0, all.get(1).path("created").asInt());
        assertEquals(1, all.get(1).path("errors").asInt());
        assertEquals("REJECTED", all.get(2).path("state").asText());
        assertTrue(all.get(2).path("dryRun").asBoolean());
        JsonNode first = all.get(3);
        assertEquals("SUCCEEDED", first.path("state").asText());
        assertEquals(2, first.path("created").asInt());
        assertEquals(2, first.path("rowsRead").asInt());
        assertEquals(good.length, first.path("fileBytes").asLong());
        assertTrue(first.path("finishedAt").isTextual());
        assertEquals(first, get("/v1/customers/import/runs/" + first.path("id").asText(), admin).json());

        JsonNode samsOwn = get("/v1/customers/import/runs", sam).json().path("items");
        assertEquals("a SERVICE user sees only the runs they started", 1, samsOwn.size());
        assertEquals(404, get("/v1/customers/import/runs/" + first.path("id").asText(), sam).status());
        assertEquals(403, get("/v1/customers/import/runs", cole).status());
        String other = createAgency("importruns2");
        assertEquals(0, get("/v1/customers/import/runs", other).json().path("items").size());
        assertEquals(404, get("/v1/customers/import/runs/" + first.path("id").asText(), other).status());
        assertEquals(400, get("/v1/customers/import/runs?limit=abc", admin).status());
    }

    @Test
    public void customersImportedTogetherPageByTheirSharedTimestampsWithoutRepeatsOrGaps() {
        String admin = createAgency("samestamp");
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 23; i++) {
            csv.append("Same ").append(i % 4).append(",Company ").append(i).append(" Ltda,,,,,\r\n");
        }
        Answer a = upload("/v1/customers/import", admin, "same.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(a.body(), 200, a.status());
        customer(admin, Map.of("name", "Later", "companyName", "Later Ltda"));
        // one import's rows share created/updated timestamps (and here names four by four): every sort, both directions,
        // must still hand out each customer exactly once, the rows of one value in id order
        for (String sort : List.of("createdAt", "-createdAt", "updatedAt", "-updatedAt", "name", "-name")) {
            List<String> ids = new ArrayList<>();
            List<Comparable<?>> keys = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = get("/v1/customers?limit=5&sort=" + sort + (cursor == null ? ""
                        : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)), admin).json();
                page.path("items").forEach(item -> {
                    ids.add(item.path("id").asText());
                    keys.add(sort.endsWith("name") ? item.path("name").asText().toLowerCase(java.util.Locale.ROOT)
                            : java.time.Instant.parse(item.path(sort.replace("-", "")).asText()));
                });
                cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            } while (cursor != null);
            assertEquals(sort + ": " + ids, 24, ids.size());
            assertEquals(sort + ": no customer twice", 24, new java.util.HashSet<>(ids).size());
            for (int i = 1; i < ids.size(); i++) {
                @SuppressWarnings({"unchecked", "rawtypes"})
                int byKey = ((Comparable) keys.get(i - 1)).compareTo(keys.get(i));
                int byId = ids.get(i - 1).compareTo(ids.get(i));
                boolean descending = sort.startsWith("-");
                boolean inOrder = descending ? byKey > 0 || (byKey == 0 && byId > 0) : byKey < 0 || (byKey == 0 && byId < 0);
                assertTrue(sort + " out of order at " + i + ": " + keys + " " + ids, inOrder);
            }
        }
    }

    @Test
    public void oneBadRowMeansNothingIsWritten() {
        String admin = createAgency("allornone");
        String csv = HEADER + "Ana,Ana Ltda,,,,,\r\nBob,,,,,,\r\nCid,Cid Ltda,,,,,\r\n";
        Answer a = upload("/v1/customers/import?dryRun=false", admin, "c.csv", csv.getBytes(StandardCharsets.UTF_8));
        JsonNode p = assertProblem(a, 400, "validation_failed");
        assertEquals(3, p.path("rows").asInt());
        assertEquals(0, p.path("created").asInt());
        assertEquals(1, p.path("errors").size());
        assertEquals(3, p.path("errors").get(0).path("row").asInt());
        assertEquals("Company name", p.path("errors").get(0).path("column").asText());
        assertEquals(0, count(admin));
    }

    /** What an agency types into the template in a spreadsheet program, and what it expects to read back. */
    private static byte[] workbookTypedByHand() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("Customers");
            String[] header = {"Name", "Company name", "Person type", "Document number", "E-mail", "Phone", "Postal code",
                "Bank account", "Country", "Profile", "Complement"};
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            org.apache.poi.ss.usermodel.CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("dd/mm/yyyy"));
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue("\u00A0Ana Mídia ");
            r.createCell(1).setCellValue("Ana Mídia Ltda");
            r.createCell(2).setCellValue("COMPANY");
            r.createCell(3).setCellValue(11222333000181d);
            r.createCell(4).setCellValue(" Ana@Midia.COM.br ");
            r.createCell(5).setCellValue(5511912345678d);
            r.createCell(6).setCellValue(1310100d);
            r.createCell(7).setCellValue(123456789012d);
            r.createCell(8).setCellValue("BR");
            Cell when = r.createCell(9);
            when.setCellValue(java.time.LocalDate.of(2024, 3, 5));
            when.setCellStyle(date);
            r.createCell(10).setCellFormula("\"Sala \"&\"12\"");
            r = sheet.createRow(2);
            r.createCell(0).setCellValue("Bruno");
            r.createCell(1).setCellValue("Bruno ME");
            r.createCell(2).setCellValue("PERSON");
            r.createCell(3).setCellValue(1234567890d); // CPF 012.345.678-90 without its leading zero
            r.createCell(4).setCellValue("bruno@typed.test");
            r.createCell(5).setCellValue(1133334444d);
            r.createCell(6).setCellValue("04538-133");
            r.createCell(8).setCellValue("BR");
            book.getCreationHelper().createFormulaEvaluator().evaluateAll(); // cached values, as a spreadsheet program saves them
            book.write(file);
        }
        return file.toByteArray();
    }

    @Test
    public void aWorkbookFilledInASpreadsheetProgramKeepsEveryDigitThroughTheApi() throws IOException {
        String admin = createAgency("typed");
        Answer a = upload("/v1/customers/import", admin, "typed.xlsx", workbookTypedByHand());
        assertEquals(a.body(), 200, a.status());
        assertEquals(2, a.json().path("created").asInt());
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode item : get("/v1/customers?limit=10", admin).json().path("items")) {
            JsonNode customer = get("/v1/customers/" + item.path("id").asText(), admin).json();
            byName.put(customer.path("name").asText(), customer);
        }
        assertEquals(byName.keySet().toString(), 2, byName.size());
        JsonNode ana = byName.get("Ana Mídia");
        assertEquals(ana.toString(), "11222333000181", ana.path("documentNumber").asText());
        assertEquals("ana@midia.com.br", ana.path("email").asText());
        assertEquals("5511912345678", ana.path("phone").asText());
        assertEquals("01310100", ana.path("address").path("postalCode").asText());
        assertEquals("123456789012", ana.path("complementary").path("bankAccount").asText());
        assertEquals("2024-03-05", ana.path("profile").asText());
        assertEquals("Sala 12", ana.path("address").path("complement").asText());
        JsonNode bruno = byName.get("Bruno");
        assertEquals(bruno.toString(), "01234567890", bruno.path("documentNumber").asText());
        assertEquals("PERSON", bruno.path("personType").asText());
        assertEquals("1133334444", bruno.path("phone").asText());
        assertEquals("04538-133", bruno.path("address").path("postalCode").asText());

        // a formula the file carries no value for is named at its cell, and nothing is written
        ByteArrayOutputStream formula = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("Customers");
            Row h = sheet.createRow(0);
            h.createCell(0).setCellValue("Name");
            h.createCell(1).setCellValue("Company name");
            Row r = sheet.createRow(1);
            r.createCell(0).setCellFormula("UPPER(\"carla\")");
            r.createCell(1).setCellValue("Carla Ltda");
            book.write(formula);
        }
        JsonNode p = assertProblem(upload("/v1/customers/import", admin, "formula.xlsx", formula.toByteArray()), 400, "validation_failed");
        assertEquals(p.toString(), 1, p.path("errors").size());
        assertEquals(2, p.path("errors").get(0).path("row").asInt());
        assertEquals("Name", p.path("errors").get(0).path("column").asText());
        assertTrue(p.toString(), p.path("errors").get(0).path("message").asText().startsWith("is a formula (=UPPER(\"carla\"))"));
        assertEquals(2, count(admin));
    }

    /**
     * An XLSX under the upload limit whose shared strings inflate to 300 MB at about 1:60, under POI's default 1:100
     * inflate-ratio check: each item repeats a long company name and adds a short counter.
     */
    private static byte[] sharedStringsBomb() throws IOException {
        String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/></Types>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write(("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
                    + "Type=\"" + rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/_rels/workbook.xml.rels"));
            zip.write(("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"" + rel + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write(("<workbook xmlns=\"" + main + "\" xmlns:r=\"" + rel + "\"><sheets><sheet name=\"Customers\" sheetId=\"1\" r:id=\"rId1\"/>"
                    + "</sheets></workbook>").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            zip.write(("<sst xmlns=\"" + main + "\">").getBytes(StandardCharsets.UTF_8));
            String padding = "Agência de Comunicação e Marketing Integrado Ltda ".repeat(3);
            long written = 0;
            for (int i = 0; written < 300L * 1024 * 1024; i++) {
                byte[] item = ("<si><t>" + padding + Integer.toString(i, 36) + "</t></si>").getBytes(StandardCharsets.UTF_8);
                zip.write(item);
                written += item.length;
            }
            zip.write("</sst>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<worksheet xmlns=\"" + main + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                    + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row></sheetData></worksheet>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bomb.toByteArray();
    }

    @Test
    public void aSharedStringsBombUnderPoisRatioCheckIsRefusedAndNothingIsWritten() throws IOException {
        String admin = createAgency("strbomb");
        byte[] bomb = sharedStringsBomb();
        assertTrue("under the 20 MB upload limit: " + bomb.length, bomb.length < 20 * 1024 * 1024);
        long started = System.nanoTime();
        JsonNode p = assertProblem(upload("/v1/customers/import", admin, "bomb.xlsx", bomb), 413, "payload_too_large");
        System.out.printf("CustomerExchangeIT: a %,d-byte XLSX inflating to 300 MB of shared strings refused in %d ms%n", bomb.length,
                (System.nanoTime() - started) / 1_000_000);
        assertEquals("file", p.path("errors").get(0).path("field").asText());
        assertTrue(p.toString(), p.path("detail").asText().contains("shared texts"));
        assertProblem(upload("/v1/customers/import?dryRun=true", admin, "bomb.xlsx", bomb), 413, "payload_too_large");
        assertEquals(0, count(admin));
        // the platform is unharmed: a good file imports right after
        assertEquals(200, upload("/v1/customers/import", admin, "typed.xlsx", workbookTypedByHand()).status());
        assertEquals(2, count(admin));
    }

    @Test
    public void hostileFilesAreRefusedWithClearProblems() throws IOException {
        String admin = createAgency("hostile");
        // a file over the 20 MB limit: refused from its announced length, and, when the length is not announced
        // (chunked), as soon as the limit is passed while streaming it to disk
        byte[] big = new byte[21 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        assertProblem(upload("/v1/customers/import", admin, "big.csv", big, true), 413, "payload_too_large");
        // a file over the limit sent without announcing its length is cut off at the limit
        assertProblem(upload("/v1/customers/import", admin, "big.csv", big, false), 413, "payload_too_large");

        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 100; i++) {
                zip.write(spaces);
            }
            zip.closeEntry();
        }
        assertTrue(bomb.size() < 1_000_000);
        JsonNode p = assertProblem(upload("/v1/customers/import", admin, "bomb.xlsx", bomb.toByteArray()), 400, "malformed_request");
        assertEquals("file", p.path("errors").get(0).path("field").asText());

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertProblem(upload("/v1/customers/import", admin, "photo.xlsx", png), 415, "unsupported_media_type");
        assertProblem(call("POST", "/v1/customers/import", bearer(admin), "application/json", "{\"file\":\"x\"}"), 415,
                "unsupported_media_type");
        assertEquals(0, count(admin));
    }

    @Test
    public void aHundredThousandRowWorkbookImportsQuickly() throws IOException {
        String admin = createAgency("bulk");
        lookup(admin, "segments", "Retail");
        lookup(admin, "segments", "Services");
        user(admin, "bulk", "Sam", "SERVICE");
        int rows = 100_000;
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            Sheet sheet = book.createSheet("Customers");
            String[] header = {"Name", "Company name", "E-mail", "Phone", "Segment", "Service manager", "City", "State", "Country"};
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            for (int r = 1; r <= rows; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("Customer " + r);
                row.createCell(1).setCellValue("Company " + r + " Ltda");
                row.createCell(2).setCellValue("contact" + r + "@bulk.test");
                row.createCell(3).setCellValue("+55 11 5555-" + (r % 10_000));
                row.createCell(4).setCellValue(r % 2 == 0 ? "Retail" : "services");
                row.createCell(5).setCellValue("sam@bulk.test");
                row.createCell(6).setCellValue("São Paulo");
                row.createCell(7).setCellValue("SP");
                row.createCell(8).setCellValue("BR");
            }
            book.write(file);
            book.dispose();
        }
        System.out.printf("CustomerExchangeIT: wrote a %,d-row XLSX (%,d bytes) in %d ms%n", rows, file.size(),
                (System.nanoTime() - t0) / 1_000_000);

        long dryStarted = System.nanoTime();
        Answer dry = upload("/v1/customers/import?dryRun=true", admin, "bulk.xlsx", file.toByteArray());
        assertEquals(200, dry.status());
        assertEquals(0, dry.json().path("errors").size());
        System.out.printf("CustomerExchangeIT: dry run (read + validate) of %,d XLSX rows in %d ms%n", rows,
                (System.nanoTime() - dryStarted) / 1_000_000);

        long started = System.nanoTime();
        // while the import runs, its progress is visible through GET /customers/import/runs (another request)
        java.util.concurrent.CompletableFuture<Answer> importing = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> upload("/v1/customers/import", admin, "bulk.xlsx", file.toByteArray()));
        List<int[]> seen = new ArrayList<>(); // rowsRead, percent while RUNNING
        while (!importing.isDone()) {
            JsonNode run = get("/v1/customers/import/runs?limit=1", admin).json().path("items").path(0);
            if ("RUNNING".equals(run.path("state").asText()) && !run.path("dryRun").asBoolean()) {
                int read = run.path("rowsRead").asInt();
                if (seen.isEmpty() || seen.get(seen.size() - 1)[0] != read) {
                    seen.add(new int[] {read, run.path("percent").asInt()});
                }
            }
            sleep(200);
        }
        Answer a = importing.join();
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("CustomerExchangeIT: %d progress updates seen while importing: %s%n", seen.size(),
                seen.stream().map(p -> p[0] + " rows/" + p[1] + "%").toList());
        assertTrue("the running import showed its progress several times: " + seen.size(), seen.size() >= 3);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue("progress only moves forward", seen.get(i)[0] > seen.get(i - 1)[0] && seen.get(i)[1] >= seen.get(i - 1)[1]);
        }
        // progress was seen part-way; the last poll may catch every row read while the run still commits (99 %), but a
        // running import never claims 100 %
        assertTrue(seen.stream().anyMatch(p -> p[0] > 0 && p[0] < rows));
        assertTrue(seen.stream().allMatch(p -> p[1] < 100));
        JsonNode finished = get("/v1/customers/import/runs?limit=1", admin).json().path("items").path(0);
        assertEquals("SUCCEEDED", finished.path("state").asText());
        assertEquals(rows, finished.path("created").asInt());
        assertEquals(rows, finished.path("rowsTotal").asInt());
        assertEquals(100, finished.path("percent").asInt());
        assertEquals(a.body().length() > 500 ? a.body().substring(0, 500) : a.body(), 200, a.status());
        assertEquals(rows, a.json().path("created").asInt());
        System.out.printf("CustomerExchangeIT: imported %,d rows from XLSX in %d ms (%,.0f rows/s)%n", rows, ms, rows * 1000.0 / ms);
        assertEquals(Integer.toString(rows), executeCommand("clientele:customer-count bulk").trim());

        if (Boolean.getBoolean("clientele.it.baseline")) {
            rawBaseline(rows, ms);
        }

        long exportStarted = System.nanoTime();
        Download export = download("/v1/customers/export?format=csv", admin);
        long exportMs = (System.nanoTime() - exportStarted) / 1_000_000;
        assertEquals(200, export.status());
        List<String> lines = lines(export.text());
        assertEquals(rows + 1, lines.size());
        assertTrue(lines.get(1), lines.get(1).startsWith("Customer 1,Company 1 Ltda,COMPANY,,contact1@bulk.test,'+55 11 5555-1,Services,"));
        System.out.printf("CustomerExchangeIT: exported %,d rows as CSV in %d ms (%,.0f rows/s)%n", rows, exportMs, rows * 1000.0 / exportMs);
    }

    /**
     * The P4 baseline, side by side in the same run (-Dclientele.it.baseline=true; it doubles the test's time): a raw
     * JDBC batch insert of the same customer rows (same columns and values, one transaction, batches of 1,000; no
     * validation, no history).
     */
    private void rawBaseline(int rows, long importMs) {
        // the P4 baseline, side by side in the same run: a raw JDBC batch insert of the same customer rows
        // (same columns and values, one transaction, batches of 1,000; no validation, no history)
        createAgency("rawbulk");
        io.clientele.platform.api.tenancy.Agency raw = service(io.clientele.platform.api.tenancy.AgencyDirectory.class)
                .findBySlug("rawbulk").orElseThrow();
        io.clientele.platform.api.db.Database database = service(io.clientele.platform.api.db.Database.class);
        long rawStarted = System.nanoTime();
        io.clientele.platform.api.RequestContext.runAs(io.clientele.platform.api.Principal.system(raw.id(), raw.slug(), "baseline"),
                () -> database.inTransaction(c -> {
                    String sql = "INSERT INTO customer (agency_id, id, name, name_lower, company_name, company_name_lower, person_type, "
                            + "email, email_lower, phone, city, city_lower, state, country, restricted, supplier, "
                            + "receive_promotional_emails, publish_digital_media, portal_access, product_service_ids, invoice_type_ids, "
                            + "archived, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
                    java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
                    try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                        for (int r = 1; r <= rows; r++) {
                            Object[] v = {raw.id(), io.clientele.platform.api.db.Jdbc.newTimeOrderedId(), "Customer " + r, "customer " + r,
                                    "Company " + r + " Ltda", "company " + r + " ltda", "COMPANY", "contact" + r + "@bulk.test",
                                    "contact" + r + "@bulk.test", "+55 11 5555-" + (r % 10_000), "São Paulo", "são paulo", "SP", "BR",
                                    false, false, false, false, false, "", "", false, 0L, now, now};
                            for (int i = 0; i < v.length; i++) {
                                ps.setObject(i + 1, v[i]);
                            }
                            ps.addBatch();
                            if (r % 1000 == 0) {
                                ps.executeBatch();
                            }
                        }
                        ps.executeBatch();
                    }
                    return null;
                }));
        long rawMs = (System.nanoTime() - rawStarted) / 1_000_000;
        System.out.printf("CustomerExchangeIT: raw JDBC batch insert of the same %,d customer rows in %d ms (%,.0f rows/s); "
                + "import / raw = %.0f%%%n", rows, rawMs, rows * 1000.0 / rawMs, 100.0 * rawMs / importMs);
    }
}
