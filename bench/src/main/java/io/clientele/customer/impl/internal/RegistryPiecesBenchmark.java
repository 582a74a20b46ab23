package io.clientele.customer.impl.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The registry's in-process pieces behind P4 and P6, each beside a baseline in the same run (JMH, run by the bench;
 * in this package because the pieces are the customer bundle's internals):
 * <ul>
 * <li>the search words of a customer (done for every created, imported or indexed customer) vs. lower-casing and
 * splitting the same text, the least any word index needs;</li>
 * <li>putting 100,000 export lines in sort order with bounded memory ({@link SortedLines}: sorted runs in temporary
 * files, then merged) vs. sorting the same lines in memory.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RegistryPiecesBenchmark {

    static final int LINES = 100_000;
    private static final String[] FIRST = {"Ana", "José", "Conceição", "João", "Márcia", "Luís", "Ivone", "Otávio"};
    private static final String[] LAST = {"Silva", "Gonçalves", "Ipê", "Araújo", "Mídia", "Brandão", "Souza", "Lima"};

    private String[][] customers;
    private Object[] keys;
    private String[] ids;
    private String[] lines;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        customers = new String[1024][];
        for (int i = 0; i < customers.length; i++) {
            String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
            String company = LAST[random.nextInt(LAST.length)] + " Comunicação & Eventos Ltda";
            String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + i + "@agencia-exemplo.com.br";
            customers[i] = new String[] {name, company, email, String.format("%014d", random.nextLong(100_000_000_000_000L))};
        }
        keys = new Object[LINES];
        ids = new String[LINES];
        lines = new String[LINES];
        for (int i = 0; i < LINES; i++) {
            String[] c = customers[random.nextInt(customers.length)];
            keys[i] = c[0].toLowerCase(Locale.ROOT);
            ids[i] = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            lines[i] = String.join(",", c) + ",+55 11 5555-" + i + ",Recife,PE,BR\r\n";
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String searchWordsOfACustomer() {
        String[] c = customers[next++ & (customers.length - 1)];
        Set<String> words = CustomerSearch.terms(c[0], c[1], c[2], c[3]);
        return CustomerSearch.searchText(words);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public List<String> searchWordsBaselineLowerCaseSplit() {
        String[] c = customers[next++ & (customers.length - 1)];
        List<String> words = new ArrayList<>();
        for (String text : new String[] {c[0], c[1], c[2]}) {
            words.addAll(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")));
        }
        words.add(c[3]);
        return words;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 5)
    public long sortExportLinesThroughTemporaryFiles() throws IOException {
        try (SortedLines sorted = new SortedLines(false)) { // the export's own run sizes: two temporary files
            for (int i = 0; i < LINES; i++) {
                sorted.add(keys[i], ids[i], lines[i]);
            }
            return sorted.writeTo(Writer.nullWriter());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 5)
    public void sortExportLinesBaselineInMemory(Blackhole blackhole) {
        Integer[] order = new Integer[LINES];
        for (int i = 0; i < LINES; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = ((String) keys[a]).compareTo((String) keys[b]);
            return c != 0 ? c : ids[a].compareTo(ids[b]);
        });
        for (Integer i : order) {
            blackhole.consume(lines[i]);
        }
    }
}
