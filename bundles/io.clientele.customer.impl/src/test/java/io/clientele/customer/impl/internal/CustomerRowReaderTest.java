package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerExchange.ImportError;
import io.clientele.customer.api.LookupKind;
import io.clientele.customer.api.PersonType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerRowReaderTest {

    private static final Map<String, String> SEGMENTS = Map.of("retail", "seg-1", "seg-1", "seg-1");
    private static final Map<String, String> USERS = Map.of("ana@acme.test", "user-1", "user-1", "user-1");

    private final CustomerRowReader.Resolver resolver = new CustomerRowReader.Resolver() {
        @Override
        public String lookup(LookupKind kind, String nameOrId) {
            return kind == LookupKind.SEGMENT ? SEGMENTS.get(nameOrId.toLowerCase(Locale.ROOT)) : null;
        }

        @Override
        public String user(String emailOrId) {
            return USERS.get(emailOrId.toLowerCase(Locale.ROOT));
        }

        @Override
        public boolean customerExists(String id) {
            return "group-1".equals(id);
        }
    };

    private CustomerRowReader reader(List<String> required, String... headers) {
        CustomerRowReader r = new CustomerRowReader(resolver, required);
        assertEquals(List.of(), r.header(1, List.of(headers)));
        return r;
    }

    @Test
    void headersMayBeTemplateHeadersOrFieldNamesAndUnknownOnesAreNamed() {
        CustomerRowReader r = new CustomerRowReader(resolver, List.of("name"));
        List<ImportError> errors = r.header(1, List.of("Name", "companyName", "Colour", "Id", "name"));
        assertEquals(List.of(new ImportError(1, "Colour", "is not a known column; use the headers of the import template"),
                new ImportError(1, "Id", "is read-only and cannot be imported; remove the column"),
                new ImportError(1, "name", "appears twice")), errors);
    }

    @Test
    void aGoodRowBecomesACustomerWithLookupsAndUsersResolvedByName() {
        CustomerRowReader r = reader(List.of("name", "companyName"), "Name", "Company name", "Person type", "Segment",
                "Responsible manager", "Followers", "Restricted", "Discount %", "Payment day", "Country", "Group (customer id)");
        CustomerRowReader.RowResult result = r.row(2, List.of(" Ana ", "Ana Ltda", "person", "RETAIL", "Ana@Acme.test",
                "ana@acme.test; user-1", "yes", "12,5", "10", "br", "group-1"));
        assertEquals(List.of(), result.errors());
        Customer c = result.customer();
        assertEquals("Ana", c.name());
        assertEquals(PersonType.PERSON, c.personType());
        assertEquals("seg-1", c.segmentId());
        assertEquals("user-1", c.responsibleManagerId());
        assertEquals(List.of("user-1"), c.followerIds(), "a user named twice follows once");
        assertTrue(c.restricted());
        assertEquals(new BigDecimal("12.5"), c.complementary().discountPercent());
        assertEquals(10, c.complementary().paymentDay());
        assertEquals("BR", c.address().country());
        assertEquals("group-1", c.groupId());
    }

    @Test
    void everyBadCellOfARowIsReportedWithItsColumn() {
        CustomerRowReader r = reader(List.of("name", "companyName", "email"), "Name", "Company name", "E-mail", "Segment",
                "Supplier", "Service manager", "Payment day", "Country", "Document number", "Website", "Group (customer id)");
        CustomerRowReader.RowResult result = r.row(7, List.of("", "", "not-an-email", "Wholesale", "maybe", "bob@acme.test",
                "40", "BR", "11.111.111/1111-11", "ftp://x", "nope"));
        assertNull(result.customer());
        Map<String, String> byColumn = new java.util.TreeMap<>();
        for (ImportError e : result.errors()) {
            assertEquals(7, e.row());
            byColumn.put(e.column(), e.message());
        }
        assertEquals("is required", byColumn.get("Name"));
        assertEquals("is required", byColumn.get("Company name"));
        assertEquals("is not a valid e-mail address", byColumn.get("E-mail"));
        assertEquals("'Wholesale' is not an active entry of segments", byColumn.get("Segment"));
        assertEquals("must be yes or no (true or false)", byColumn.get("Supplier"));
        assertTrue(byColumn.get("Service manager").contains("is not a user of this agency"));
        assertEquals("must be a day of the month, 1 to 31", byColumn.get("Payment day"));
        assertEquals("is not a valid CNPJ", byColumn.get("Document number"));
        assertEquals("must be an http or https URL", byColumn.get("Website"));
        assertNull(byColumn.get("Group (customer id)"), "the group is only looked up for an otherwise valid row");
        assertEquals(9, result.errors().size(), result.errors().toString());
    }

    @Test
    void aMissingRequiredColumnIsReportedUnderItsHeader() {
        CustomerRowReader r = reader(List.of("name", "companyName", "segmentId", "address"), "Name", "Company name");
        List<ImportError> errors = r.row(2, List.of("Ana", "Ana Ltda")).errors();
        assertEquals(List.of(new ImportError(2, "Segment", "is required"), new ImportError(2, "Address", "a complete address is required")),
                errors);
    }

    @Test
    void anApostropheTheExportAddedIsRemovedOnImport() {
        CustomerRowReader r = reader(List.of("name"), "Name", "Phone");
        CustomerRowReader.RowResult result = r.row(2, List.of("Ana", "'+55 11 5555"));
        assertNotNull(result.customer());
        assertEquals("+55 11 5555", result.customer().phone());
    }

    @Test
    void numbersAreReadAsPeopleTypeThem() {
        assertEquals(new BigDecimal("1234.5"), CustomerRowReader.decimal("1.234,5"));
        assertEquals(new BigDecimal("1234.5"), CustomerRowReader.decimal("1,234.5"));
        assertEquals(new BigDecimal("7"), CustomerRowReader.decimal("7 %"));
        assertNull(CustomerRowReader.decimal("seven"));
    }
}
