package io.clientele.itests.clientgen;

import io.clientele.client.ApiClient;
import io.clientele.client.ApiException;
import io.clientele.client.ApiResponse;
import io.clientele.client.api.BudgetsApi;
import io.clientele.client.api.ContactsApi;
import io.clientele.client.api.CustomersApi;
import io.clientele.client.api.PlatformOperatorApi;
import io.clientele.client.api.SessionApi;
import io.clientele.client.model.AdminRequest;
import io.clientele.client.model.Agency;
import io.clientele.client.model.Budget;
import io.clientele.client.model.Contact;
import io.clientele.client.model.Customer;
import io.clientele.client.model.FieldError;
import io.clientele.client.model.LoginRequest;
import io.clientele.client.model.LoginResponse;
import io.clientele.client.model.ModulesRequest;
import io.clientele.client.model.NewAgencyRequest;
import io.clientele.client.model.NewBudget;
import io.clientele.client.model.Problem;
import io.clientele.client.model.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * What a developer writes with the Java client that openapi-generator makes from {@code /api/openapi.json}: compiled
 * together with the generated sources by {@code GeneratedClientIT} and run against the live platform. Only the
 * generated API and model classes are used, so a document that stops serving a generated client breaks this code:
 * an operation renamed, a type lost, a problem answer no longer of the {@code Problem} type.
 *
 * <p>The operator creates an agency with its first ADMIN; the admin logs in (bearer token), registers a customer
 * (201 with {@code Location}, read back), adds a contact, is refused the budget module until the operator enables it
 * ({@code module_not_enabled}), then opens a budget for the customer; a customer with a bad e-mail is answered with a
 * problem naming the field. {@link #call} returns the steps it took, one line each; any unexpected answer throws.
 */
public final class ClientScenario implements Callable<List<String>> {

    private final String baseUri;
    private final String operatorUser;
    private final String operatorPassword;
    private final List<String> steps = new ArrayList<>();

    public ClientScenario(String baseUri, String operatorUser, String operatorPassword) {
        this.baseUri = baseUri;
        this.operatorUser = operatorUser;
        this.operatorPassword = operatorPassword;
    }

    @Override
    public List<String> call() throws Exception {
        String slug = "clientgen";
        String adminEmail = "admin@" + slug + ".test";
        String adminPassword = "a long enough passphrase for the generated client";

        ApiClient operator = client("Basic " + Base64.getEncoder()
                .encodeToString((operatorUser + ":" + operatorPassword).getBytes(StandardCharsets.UTF_8)));
        PlatformOperatorApi platform = new PlatformOperatorApi(operator);
        ApiResponse<Agency> created = platform.createAgencyWithHttpInfo(new NewAgencyRequest().name("Generated Client Agency")
                .slug(slug).admin(new AdminRequest().name("Ada Admin").email(adminEmail).password(adminPassword)));
        check(created.getStatusCode() == 201, "createAgency answers 201, not " + created.getStatusCode());
        check(slug.equals(created.getData().getSlug()), "the agency created is " + created.getData().getSlug());
        steps.add("operator created agency " + slug);

        LoginResponse login = new SessionApi(client(null))
                .loginUser(new LoginRequest().agency(slug).email(adminEmail).password(adminPassword));
        check(login.getAccessToken() != null && !login.getAccessToken().isBlank(), "loginUser gives an access token");
        check(login.getUser().getRoles().contains(Role.ADMIN), "the first user is an ADMIN: " + login.getUser().getRoles());
        ApiClient admin = client("Bearer " + login.getAccessToken());
        steps.add("admin logged in with roles " + login.getUser().getRoles());

        CustomersApi customers = new CustomersApi(admin);
        ApiResponse<Customer> registered = customers.createCustomerWithHttpInfo(new Customer().name("Acme")
                .companyName("Acme Industries Ltd").personType(Customer.PersonTypeEnum.COMPANY).email("hello@acme.test"));
        check(registered.getStatusCode() == 201, "createCustomer answers 201, not " + registered.getStatusCode());
        Customer customer = registered.getData();
        String location = registered.getHeaders().get("Location") == null ? null : registered.getHeaders().get("Location").get(0);
        check(location != null && location.endsWith("/v1/customers/" + customer.getId()),
                "createCustomer's Location names the customer: " + location);
        Customer read = customers.getCustomer(customer.getId());
        check("Acme Industries Ltd".equals(read.getCompanyName()) && "hello@acme.test".equals(read.getEmail()),
                "getCustomer reads back what was registered: " + read);
        steps.add("admin registered customer " + customer.getId() + " at " + location);

        ContactsApi contacts = new ContactsApi(admin);
        Contact contact = contacts.createCustomerContact(customer.getId(),
                new Contact().name("Carla Contact").email("carla@acme.test").primary(true));
        check(customer.getId().equals(contact.getCustomerId()), "the contact belongs to the customer");
        List<Contact> listed = contacts.listCustomerContacts(customer.getId()).getItems();
        check(listed.stream().anyMatch(c -> c.getId().equals(contact.getId())), "listCustomerContacts lists the new contact");
        steps.add("admin added contact " + contact.getId());

        BudgetsApi budgets = new BudgetsApi(admin);
        NewBudget budget = new NewBudget().customerId(customer.getId()).campaign("Spring launch").amount("1500.00")
                .currency("BRL").startDate("2026-03-01").endDate("2026-05-31");
        Problem notEnabled = problem(403, () -> budgets.createBudget(budget), admin);
        check("module_not_enabled".equals(notEnabled.getCode()), "a module not enabled is refused as module_not_enabled: "
                + notEnabled);
        platform.replaceAgencyModules(slug, new ModulesRequest().modules(Set.of("budget")));
        Budget opened = budgets.createBudget(budget);
        check(customer.getId().equals(opened.getCustomerId()) && "1500.00".equals(opened.getAmount()),
                "createBudget opens the budget asked for: " + opened);
        check(budgets.listBudgets(customer.getId(), 10, null).getItems().stream().anyMatch(b -> b.getId().equals(opened.getId())),
                "listBudgets finds it by customer");
        steps.add("operator enabled budget; admin opened budget " + opened.getId());

        Problem invalid = problem(400, () -> customers.createCustomer(new Customer().name("Bad").companyName("Bad Ltd")
                .personType(Customer.PersonTypeEnum.COMPANY).email("not an e-mail")), admin);
        check("validation_failed".equals(invalid.getCode()) && invalid.getStatus() == 400, "a bad field is validation_failed: " + invalid);
        List<String> fields = invalid.getErrors().stream().map(FieldError::getField).toList();
        check(fields.contains("email"), "the problem names the field email: " + fields);
        steps.add("a bad e-mail was answered with a Problem naming " + fields);
        return steps;
    }

    /** A call that must fail with {@code status}: its problem+json body read into the generated {@link Problem}. */
    private Problem problem(int status, ThrowingCall call, ApiClient client) throws Exception {
        try {
            call.run();
        } catch (ApiException e) {
            check(e.getCode() == status, "expected " + status + ", got " + e.getCode() + ": " + e.getResponseBody());
            String type = e.getResponseHeaders().firstValue("Content-Type").orElse("");
            check(type.startsWith("application/problem+json"), "an error is problem+json, not " + type);
            return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        }
        throw new AssertionError("expected a " + status + " problem, the call succeeded");
    }

    private interface ThrowingCall {
        Object run() throws ApiException;
    }

    private ApiClient client(String authorization) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        if (authorization != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        }
        return client;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
