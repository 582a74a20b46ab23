package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomerSearchTest {

    @Test
    void wordsOfNameCompanyEmailAndDocumentAreFoldedAndDistinct() {
        Set<String> terms = CustomerSearch.terms("Ipê Mídia", "IPÊ MÍDIA Ltda.", "Contato@Ipe-Midia.com.br", "11222333000181");
        assertEquals(List.of("ipe", "midia", "ltda", "contato", "com", "br", "11222333000181"), List.copyOf(terms));
        assertEquals(" ipe midia ltda contato com br 11222333000181 ", CustomerSearch.searchText(terms));
    }

    @Test
    void queryWordsAreFoldedLongestFirst() {
        assertEquals(List.of("midia", "ipe"), CustomerSearch.queryWords("  Ipê   MÍDIA "));
        assertEquals(List.of(), CustomerSearch.queryWords(" -- "));
        assertEquals(List.of(), CustomerSearch.queryWords(null));
    }

    @Test
    void aDocumentNumberIsSearchedByItsDigits() {
        assertEquals(List.of("11222333000181"), CustomerSearch.queryWords("11.222.333/0001-81"));
        assertEquals(List.of("0001"), CustomerSearch.queryWords("0001"));
    }

    @Test
    void longWordsAndLongQueriesAreBounded() {
        String longWord = "x".repeat(500);
        assertEquals(CustomerSearch.MAX_TERM_LENGTH, CustomerSearch.queryWords(longWord).get(0).length());
        assertEquals(CustomerSearch.MAX_TERM_LENGTH, CustomerSearch.terms(longWord, null, null, null).iterator().next().length());
        assertEquals(CustomerSearch.MAX_QUERY_WORDS, CustomerSearch.queryWords("a b c d e f g h i j k l").size());
        String manyWords = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "word" + i).collect(java.util.stream.Collectors.joining(" "));
        String text = CustomerSearch.searchText(CustomerSearch.terms(manyWords, null, null, null));
        assertTrue(text.length() <= 2000 && text.startsWith(" word0 ") && text.endsWith(" "), text);
    }
}
