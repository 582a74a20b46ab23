package io.clientele.platform.sheets;

/**
 * Text a spreadsheet program could take for a formula (CSV injection, OWASP): text starting with {@code = + - @}, a
 * tab or a carriage return. Every export neutralises it the same way and every import undoes it, so an exported file
 * reads back as it was written.
 */
public final class Formulas {

    private Formulas() {
    }

    /** True when a spreadsheet could take the text for a formula. */
    public static boolean looksLikeFormula(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** The text with a leading apostrophe when it could be taken for a formula (how a CSV cell is written). */
    public static String neutralise(String s) {
        return looksLikeFormula(s) ? "'" + s : s;
    }

    /** Undoes {@link #neutralise} on import. */
    public static String unneutralise(String s) {
        return s != null && s.length() > 1 && s.charAt(0) == '\'' && looksLikeFormula(s.substring(1)) ? s.substring(1) : s;
    }
}
