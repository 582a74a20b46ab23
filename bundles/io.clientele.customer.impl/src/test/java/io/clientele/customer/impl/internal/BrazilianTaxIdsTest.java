package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrazilianTaxIdsTest {

    @Test
    void cpfCheckDigits() {
        assertTrue(BrazilianTaxIds.isValidCpf("529.982.247-25"));
        assertTrue(BrazilianTaxIds.isValidCpf("52998224725"));
        assertFalse(BrazilianTaxIds.isValidCpf("529.982.247-24"));
        assertFalse(BrazilianTaxIds.isValidCpf("111.111.111-11"));
        assertFalse(BrazilianTaxIds.isValidCpf("5299822472"));
    }

    @Test
    void cnpjCheckDigits() {
        assertTrue(BrazilianTaxIds.isValidCnpj("11.222.333/0001-81"));
        assertTrue(BrazilianTaxIds.isValidCnpj("11222333000181"));
        assertFalse(BrazilianTaxIds.isValidCnpj("11.222.333/0001-82"));
        assertFalse(BrazilianTaxIds.isValidCnpj("00.000.000/0000-00"));
        assertFalse(BrazilianTaxIds.isValidCnpj("11.222.333/0001"));
    }
}
