package io.clientele.payment.stripe.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of a Stripe call, {@code application/x-www-form-urlencoded} in Stripe's bracket notation
 * ({@code metadata[invoice]=42}, {@code payment_method_types[]=card}), in the order added.
 */
final class StripeForm {

    private final List<String[]> fields = new ArrayList<>();

    /** Adds {@code key=value}; a {@code null} value adds nothing. */
    StripeForm add(String key, Object value) {
        if (value != null) {
            fields.add(new String[] {key, value.toString()});
        }
        return this;
    }

    /** Adds {@code prefix[k]=v} for each entry, in key order. */
    StripeForm addAll(String prefix, Map<String, String> values) {
        new TreeMap<>(values).forEach((k, v) -> add(prefix + "[" + k + "]", v));
        return this;
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    String encode() {
        StringBuilder out = new StringBuilder();
        for (String[] field : fields) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(field[0], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(field[1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return encode();
    }
}
