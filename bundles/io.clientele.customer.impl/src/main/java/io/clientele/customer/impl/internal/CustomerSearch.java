package io.clientele.customer.impl.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text search over a customer's name, company name, e-mail and tax document: a customer matches when every
 * word of the query starts one of its words, ignoring case and accents ({@code "ipe midia"} finds
 * "Ipê Mídia Ltda"). Each customer keeps its words twice: in {@code customer.search_text} (space-separated,
 * for checking a candidate) and as rows of {@code customer_search_term} (indexed, for finding candidates
 * without scanning the table), so a rare word is found through the index and a common one by walking the
 * list in its sort order.
 */
final class CustomerSearch {

    /** Longest stored word; longer words are cut (a query word is cut the same way). */
    static final int MAX_TERM_LENGTH = 60;
    /** At most this many query words are used. */
    static final int MAX_QUERY_WORDS = 8;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DOCUMENT_LIKE = Pattern.compile("[\\d.\\-/\\s]*\\d[\\d.\\-/\\s]*");

    private CustomerSearch() {
    }

    /** Lower case without accents, as stored and as searched. */
    static String fold(String s) {
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** The distinct words a customer is found by. */
    static Set<String> terms(String name, String companyName, String email, String documentDigits) {
        Set<String> terms = new LinkedHashSet<>();
        for (String text : new String[] {name, companyName, email}) {
            if (text != null) {
                words(text, terms);
            }
        }
        if (documentDigits != null && !documentDigits.isEmpty()) {
            terms.add(cut(documentDigits));
        }
        return terms;
    }

    /** The value of {@code customer.search_text}: every term between spaces, so {@code LIKE '% word%'} matches a word start. */
    static String searchText(Set<String> terms) {
        StringBuilder sb = new StringBuilder(" ");
        for (String t : terms) {
            if (sb.length() + t.length() + 1 > 2000) {
                break;
            }
            sb.append(t).append(' ');
        }
        return sb.toString();
    }

    /**
     * The words of a query, longest first (the longest is usually the rarest). A query that looks like a tax
     * document number ("12.345.678/0001-90") is one word: its digits.
     */
    static List<String> queryWords(String q) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>();
        if (DOCUMENT_LIKE.matcher(q.trim()).matches()) {
            words.add(cut(q.replaceAll("\\D", "")));
        } else {
            words(q, words);
        }
        List<String> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted.subList(0, Math.min(MAX_QUERY_WORDS, sorted.size()));
    }

    private static void words(String text, Set<String> into) {
        for (String w : NON_WORD.split(fold(text))) {
            if (!w.isEmpty()) {
                into.add(cut(w));
            }
        }
    }

    private static String cut(String w) {
        return w.length() > MAX_TERM_LENGTH ? w.substring(0, MAX_TERM_LENGTH) : w;
    }
}
