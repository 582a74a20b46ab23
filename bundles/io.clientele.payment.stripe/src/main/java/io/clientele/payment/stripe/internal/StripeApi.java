package io.clientele.payment.stripe.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.payment.api.GatewayException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Stripe's HTTP API: form-encoded requests with the secret key as a bearer token, the pinned {@link #API_VERSION}, an
 * {@code Idempotency-Key} on every POST; JSON answers, and Stripe's error format ({@code {"error":{"type","code",
 * "message",…}}}) turned into {@link GatewayException}s: the connection failing, a timeout, 409, 429 and 5xx are
 * retryable (or whatever Stripe's {@code Stripe-Should-Retry} header says); other 4xx are not.
 */
final class StripeApi {

    /** The API version every call is pinned to (the shapes the adapter reads). */
    static final String API_VERSION = "2024-06-20";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String secretKey;
    private final Duration requestTimeout;
    private final HttpClient http;

    StripeApi(String baseUrl, String secretKey, Duration connectTimeout, Duration requestTimeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.secretKey = secretKey;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A 4xx answer from Stripe: not retryable, with Stripe's error object for callers that read more of it. */
    static final class Refusal extends GatewayException {
        private static final long serialVersionUID = 1L;
        private final transient JsonNode error;
        private final int status;

        Refusal(int status, JsonNode error, String code, String message, boolean retryable) {
            super(code, message, retryable, null);
            this.status = status;
            this.error = error;
        }

        int status() {
            return status;
        }

        /** Stripe's {@code error} object (may be missing nodes). */
        JsonNode error() {
            return error;
        }
    }

    JsonNode post(String path, StripeForm form, String idempotencyKey) {
        HttpRequest request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(form.encode())).build();
        return send(request);
    }

    JsonNode get(String path, StripeForm query) {
        String q = query == null || query.isEmpty() ? "" : "?" + query.encode();
        return send(requestTo(baseUrl + path + q).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return requestTo(baseUrl + path);
    }

    private HttpRequest.Builder requestTo(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + secretKey)
                .header("Stripe-Version", API_VERSION)
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new GatewayException("timeout", "Stripe did not answer in time.", true, e);
        } catch (IOException e) {
            throw new GatewayException("unreachable", "Stripe could not be reached.", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted", "The call to Stripe was interrupted.", true, e);
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            if (body == null) {
                throw new GatewayException("invalid_response", "Stripe answered with something that is not JSON.", true, null);
            }
            return body;
        }
        JsonNode error = body == null ? JSON.createObjectNode() : body.path("error");
        String type = error.path("type").asText("");
        String code = error.path("code").asText(error.path("decline_code").asText(""));
        if (code.isEmpty()) {
            code = !type.isEmpty() ? type : status == 429 ? "rate_limit" : status >= 500 ? "api_error" : "http_" + status;
        }
        Optional<String> shouldRetry = response.headers().firstValue("Stripe-Should-Retry");
        boolean retryable = shouldRetry.map(Boolean::parseBoolean)
                .orElse(status >= 500 || status == 429 || status == 409);
        throw new Refusal(status, error, code, safeMessage(status, type, code, error), retryable);
    }

    /**
     * A message for people: a card error's message is written by Stripe for the payer; anything else is described by
     * its code only (an invalid-request message may quote parameters, an authentication one part of the key).
     */
    private static String safeMessage(int status, String type, String code, JsonNode error) {
        if ("card_error".equals(type) && error.hasNonNull("message")) {
            return error.path("message").asText();
        }
        if (status == 401) {
            return "Stripe refused the API key.";
        }
        if (status == 429) {
            return "Stripe is limiting the rate of calls; try again shortly.";
        }
        if (status >= 500) {
            return "Stripe had an internal error; try again shortly.";
        }
        return "Stripe refused the request (" + code + ").";
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
