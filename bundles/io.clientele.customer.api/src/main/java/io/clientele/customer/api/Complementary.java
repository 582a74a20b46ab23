package io.clientele.customer.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * The complementary-information tab: bank data, exclusive discount (0–100 %), billing type and payment
 * condition (lookup ids), preferred payment day (1–31) and the products and services bought (lookup ids).
 */
public record Complementary(String bankName, String bankBranch, String bankAccount, BigDecimal discountPercent,
                            String billingType, String paymentCondition, Integer paymentDay, List<String> productsAndServiceIds) {
    public Complementary {
        productsAndServiceIds = productsAndServiceIds == null ? List.of() : List.copyOf(productsAndServiceIds);
    }
}
