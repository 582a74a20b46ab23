package io.clientele.customer.impl.internal;

/** Check digits of Brazilian tax ids: CPF (people, 11 digits) and CNPJ (companies, 14 digits). */
final class BrazilianTaxIds {
    private static final int[] CNPJ_FIRST = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] CNPJ_SECOND = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    private BrazilianTaxIds() {
    }

    static String digits(String document) {
        return document == null ? "" : document.replaceAll("\\D", "");
    }

    static boolean isValidCpf(String document) {
        String d = digits(document);
        if (d.length() != 11 || d.chars().distinct().count() == 1) {
            return false;
        }
        return checkDigit(d, 9, 10) == d.charAt(9) - '0' && checkDigit(d, 10, 11) == d.charAt(10) - '0';
    }

    private static int checkDigit(String d, int length, int firstWeight) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (d.charAt(i) - '0') * (firstWeight - i);
        }
        int r = (sum * 10) % 11;
        return r == 10 ? 0 : r;
    }

    static boolean isValidCnpj(String document) {
        String d = digits(document);
        if (d.length() != 14 || d.chars().distinct().count() == 1) {
            return false;
        }
        return cnpjDigit(d, CNPJ_FIRST) == d.charAt(12) - '0' && cnpjDigit(d, CNPJ_SECOND) == d.charAt(13) - '0';
    }

    private static int cnpjDigit(String d, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (d.charAt(i) - '0') * weights[i];
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }
}
