package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Address;
import io.clientele.customer.api.Complementary;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerExchange.ImportError;
import io.clientele.customer.api.LookupKind;
import io.clientele.customer.api.PersonType;
import io.clientele.platform.api.rest.FieldError;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.sheets.Formulas;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import static io.clientele.customer.impl.internal.ExchangeColumn.*;

/**
 * Turns spreadsheet rows into customers: the first row names the columns (by header or field key), every later
 * row becomes a customer validated by the rules of {@code POST /customers} that need no database, with lookups
 * and users resolved through a {@link Resolver}. Every bad cell is reported with its row and column header.
 */
final class CustomerRowReader {

    /** Names to ids; each returns null for something unknown or unusable. */
    interface Resolver {
        /** An active entry of {@code kind} by id or by name (case-insensitive). */
        String lookup(LookupKind kind, String nameOrId);

        /** A user of the agency by id or e-mail (case-insensitive). */
        String user(String emailOrId);

        /** Whether a customer of the agency has this id. */
        boolean customerExists(String id);
    }

    /** A row's outcome: the customer when it is valid, else its errors. */
    record RowResult(Customer customer, List<ImportError> errors) {
    }

    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "x", "sim", "s");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "não", "nao");

    private final Resolver resolver;
    private final Collection<String> requiredFields;
    private ExchangeColumn[] columns;

    CustomerRowReader(Resolver resolver, Collection<String> requiredFields) {
        this.resolver = resolver;
        this.requiredFields = requiredFields;
    }

    boolean hasHeader() {
        return columns != null;
    }

    /** Reads the header row; unknown, read-only and repeated columns are errors (their cells are then ignored). */
    List<ImportError> header(int row, List<String> cells) {
        List<ImportError> errors = new ArrayList<>();
        columns = new ExchangeColumn[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i) == null ? "" : SpreadsheetFiles.clean(cells.get(i));
            if (name.isEmpty()) {
                continue;
            }
            ExchangeColumn column = ExchangeColumn.named(Formulas.unneutralise(name)).orElse(null);
            if (column == null) {
                errors.add(new ImportError(row, name, "is not a known column; use the headers of the import template"));
            } else if (!column.importable()) {
                errors.add(new ImportError(row, name, "is read-only and cannot be imported; remove the column"));
            } else if (java.util.Arrays.asList(columns).contains(column)) {
                errors.add(new ImportError(row, name, "appears twice"));
            } else {
                columns[i] = column;
            }
        }
        if (java.util.Arrays.asList(columns).stream().allMatch(c -> c == null) && errors.isEmpty()) {
            errors.add(new ImportError(row, null, "the first row must name the columns"));
        }
        return errors;
    }

    /** Reads a data row of texts (a CSV row). */
    RowResult row(int row, List<String> cells) {
        return cells(row, SpreadsheetFiles.Cell.ofTexts(cells));
    }

    /**
     * Reads a data row. Texts lose the spaces around them (non-breaking ones too) and e-mails are lower-cased; a
     * number cell in a text column is its exact value; a CPF or CNPJ that a number cell stripped of its leading zeros
     * gets them back when its length is unambiguous (and a CEP likewise); formulas without a calculated value, error
     * values and over-long cells are reported at their cell.
     */
    RowResult cells(int row, List<SpreadsheetFiles.Cell> cells) {
        List<ImportError> errors = new ArrayList<>();
        Map<ExchangeColumn, Object> values = new EnumMap<>(ExchangeColumn.class);
        Set<ExchangeColumn> numeric = java.util.EnumSet.noneOf(ExchangeColumn.class);
        for (int i = 0; i < cells.size() && i < columns.length; i++) {
            ExchangeColumn column = columns[i];
            SpreadsheetFiles.Cell cell = cells.get(i);
            if (column == null || cell == null || cell.isBlank()) {
                continue;
            }
            String problem = switch (cell.kind()) {
                case FORMULA_WITHOUT_VALUE -> "is a formula (" + abbreviate(cell.text()) + ") the file carries no calculated value for; "
                        + "open and save the file in a spreadsheet program, or type the value";
                case ERROR -> "holds the spreadsheet error " + abbreviate(cell.text());
                case TOO_LONG -> "is longer than " + SheetLimits.SPREADSHEET_CELL_CHARS + " characters, more than a spreadsheet cell holds";
                default -> null;
            };
            if (problem == null) {
                String raw = SpreadsheetFiles.clean(Formulas.unneutralise(SpreadsheetFiles.clean(cell.text())));
                if (raw.isEmpty()) {
                    continue;
                }
                if (column == EMAIL) {
                    raw = raw.toLowerCase(Locale.ROOT);
                }
                if (cell.kind() == SpreadsheetFiles.Kind.NUMBER) {
                    numeric.add(column);
                }
                problem = parse(column, raw, values);
            }
            if (problem != null) {
                errors.add(new ImportError(row, column.header(), problem));
            }
        }
        restoreLeadingZeros(row, values, numeric, errors);
        Customer customer = CustomerStore.normalize(toCustomer(values));
        FieldErrors fieldErrors = new FieldErrors();
        CustomerStore.checkFields(fieldErrors, customer, requiredFields);
        for (FieldError e : fieldErrors.list()) {
            String header = ExchangeColumn.headerForField(e.field());
            // a cell that could not be parsed was left empty: do not also call it missing
            if (errors.stream().noneMatch(x -> header.equals(x.column()))) {
                errors.add(new ImportError(row, header, e.message()));
            }
        }
        if (customer.groupId() != null && errors.isEmpty() && !resolver.customerExists(customer.groupId())) {
            errors.add(new ImportError(row, GROUP.header(), "is not a customer of this agency"));
        }
        return new RowResult(errors.isEmpty() ? customer : null, errors);
    }

    /**
     * A Brazilian document or postal code typed into a number cell has lost its leading zeros: a CPF has 11 digits, a
     * CNPJ 14 (which one the row's person type says, or, without one, a length only a CNPJ can have), a CEP 8. Only
     * for Brazilian addresses (country BR or none); a length that fits neither is reported for its cell.
     */
    private static void restoreLeadingZeros(int row, Map<ExchangeColumn, Object> values, Set<ExchangeColumn> numeric,
                                            List<ImportError> errors) {
        Object country = values.get(COUNTRY);
        if (country != null && !"BR".equalsIgnoreCase(((String) country).trim())) {
            return;
        }
        if (numeric.contains(DOCUMENT_NUMBER) && values.get(DOCUMENT_NUMBER) instanceof String document) {
            if (!document.chars().allMatch(Character::isDigit)) {
                errors.add(new ImportError(row, DOCUMENT_NUMBER.header(), "is a number with decimals; type the document as text"));
            } else {
                PersonType type = (PersonType) values.get(PERSON_TYPE);
                int length = document.length();
                int wanted = type == PersonType.PERSON ? 11 : type == PersonType.COMPANY ? 14
                        : length == 11 || length == 14 ? length : length == 12 || length == 13 ? 14 : -1;
                if (wanted < 0) {
                    errors.add(new ImportError(row, DOCUMENT_NUMBER.header(), "lost its leading zeros in a number cell (" + length
                            + " digits): give the Person type (PERSON for a CPF, COMPANY for a CNPJ), or type the document as text"));
                } else if (length < wanted) {
                    values.put(DOCUMENT_NUMBER, "0".repeat(wanted - length) + document);
                }
            }
        }
        if (numeric.contains(POSTAL_CODE) && values.get(POSTAL_CODE) instanceof String code
                && code.length() < 8 && code.length() >= 5 && code.chars().allMatch(Character::isDigit)) {
            values.put(POSTAL_CODE, "0".repeat(8 - code.length()) + code);
        }
    }

    /** Stores the cell's value; returns what is wrong with it, or null. */
    private String parse(ExchangeColumn column, String raw, Map<ExchangeColumn, Object> values) {
        switch (column.type()) {
            case TEXT -> values.put(column, raw);
            case BOOLEAN -> {
                String v = raw.toLowerCase(Locale.ROOT);
                if (TRUE.contains(v)) {
                    values.put(column, true);
                } else if (FALSE.contains(v)) {
                    values.put(column, false);
                } else {
                    return "must be yes or no (true or false)";
                }
            }
            case PERSON_TYPE -> {
                String v = raw.toUpperCase(Locale.ROOT);
                if (v.equals("COMPANY") || v.equals("PJ")) {
                    values.put(column, PersonType.COMPANY);
                } else if (v.equals("PERSON") || v.equals("PF")) {
                    values.put(column, PersonType.PERSON);
                } else {
                    return "must be COMPANY or PERSON";
                }
            }
            case DECIMAL -> {
                BigDecimal d = decimal(raw);
                if (d == null) {
                    return "must be a number";
                }
                values.put(column, d);
            }
            case INTEGER -> {
                BigDecimal d = decimal(raw);
                if (d == null || d.stripTrailingZeros().scale() > 0 || d.abs().compareTo(new BigDecimal(1_000_000)) > 0) {
                    return "must be a whole number";
                }
                values.put(column, d.intValue());
            }
            case LOOKUP -> {
                String id = resolver.lookup(column.lookup(), raw);
                if (id == null) {
                    return "'" + abbreviate(raw) + "' is not an active entry of " + column.lookup().path();
                }
                values.put(column, id);
            }
            case LOOKUP_LIST -> {
                List<String> ids = new ArrayList<>();
                for (String part : items(raw)) {
                    String id = resolver.lookup(column.lookup(), part);
                    if (id == null) {
                        return "'" + abbreviate(part) + "' is not an active entry of " + column.lookup().path();
                    }
                    ids.add(id);
                }
                values.put(column, ids);
            }
            case USER -> {
                String id = resolver.user(raw);
                if (id == null) {
                    return "'" + abbreviate(raw) + "' is not a user of this agency (give the e-mail)";
                }
                values.put(column, id);
            }
            case USER_LIST -> {
                List<String> ids = new ArrayList<>();
                for (String part : items(raw)) {
                    String id = resolver.user(part);
                    if (id == null) {
                        return "'" + abbreviate(part) + "' is not a user of this agency (give the e-mail)";
                    }
                    ids.add(id);
                }
                values.put(column, ids);
            }
            case READ_ONLY -> {
                return "is read-only";
            }
        }
        return null;
    }

    /** A number as a person types it: {@code 12.5}, {@code 12,5}, {@code 1.234,5}. */
    static BigDecimal decimal(String raw) {
        String s = raw.replace(" ", "").replace("%", "");
        if (s.isEmpty() || s.length() > 40) {
            return null;
        }
        int comma = s.lastIndexOf(',');
        int dot = s.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            s = comma > dot ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
        } else if (comma >= 0) {
            s = s.replace(',', '.');
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The values of a list cell, separated by {@code ;} or line breaks. */
    static List<String> items(String raw) {
        List<String> out = new ArrayList<>();
        for (String part : raw.split("[;\\n\\r]")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    @SuppressWarnings("unchecked")
    private static Customer toCustomer(Map<ExchangeColumn, Object> v) {
        return new Customer(null, text(v, NAME), text(v, COMPANY_NAME), (PersonType) v.get(PERSON_TYPE), text(v, DOCUMENT_NUMBER),
                text(v, EMAIL), text(v, PHONE), text(v, WEBSITE), text(v, SEGMENT), text(v, STATUS), text(v, ATTRACTION_CHANNEL),
                text(v, SECTOR), text(v, RESPONSIBLE_MANAGER), text(v, SERVICE_MANAGER), text(v, ASSISTANT),
                (List<String>) v.get(FOLLOWERS), text(v, GROUP), text(v, PROJECT_TEMPLATE), flag(v, RESTRICTED), flag(v, SUPPLIER),
                flag(v, PROMOTIONAL_EMAILS), flag(v, DIGITAL_MEDIA), flag(v, PORTAL_ACCESS),
                new Address(text(v, POSTAL_CODE), text(v, STREET), text(v, NUMBER), text(v, COMPLEMENT), text(v, DISTRICT),
                        text(v, CITY), text(v, STATE), text(v, COUNTRY)),
                new Complementary(text(v, BANK_NAME), text(v, BANK_BRANCH), text(v, BANK_ACCOUNT), (BigDecimal) v.get(DISCOUNT),
                        text(v, BILLING_TYPE), text(v, PAYMENT_CONDITION), (Integer) v.get(PAYMENT_DAY),
                        (List<String>) v.get(PRODUCTS_SERVICES)),
                (List<String>) v.get(INVOICE_TYPES), text(v, PROFILE), 0, null, null, false);
    }

    private static String text(Map<ExchangeColumn, Object> v, ExchangeColumn c) {
        return (String) v.get(c);
    }

    private static boolean flag(Map<ExchangeColumn, Object> v, ExchangeColumn c) {
        return Boolean.TRUE.equals(v.get(c));
    }
}
