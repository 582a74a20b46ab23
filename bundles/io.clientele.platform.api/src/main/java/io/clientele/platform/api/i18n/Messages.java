package io.clientele.platform.api.i18n;

import io.clientele.platform.api.money.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bundle's texts for people, in every {@link Locales#SUPPORTED} language: the files {@code <name>.properties}
 * (English, the reference) and {@code <name>_pt_BR.properties} beside the owner class (UTF-8, read from the owner's
 * bundle, so each module brings its own and no module reads another's). A text is a key and named arguments written
 * {@code {max}}: {@code must be at most {max} characters}.
 *
 * <p>Arguments are written for the language: in English exactly as {@code toString()} writes them (the API's English
 * stays what it always was), in pt-BR money as {@code R$ 1.250,00} ({@link Money#format}), dates as {@code 31/12/2026},
 * instants as {@code 31/12/2026 14:05 UTC} and numbers with the locale's grouping ({@code 4.000}).
 *
 * <pre>{@code
 * private static final Messages MESSAGES = Messages.of(ServiceDesk.class, "messages");
 * errors.add("subject", "too_long", MESSAGES.text("subject.too_long", Map.of("max", 200)));   // the request's language
 * String summary = MESSAGES.text(locale, "history.SERVICE_REQUESTED", Map.of("subject", s));  // a given language
 * }</pre>
 *
 * A unit test of each bundle asserts {@link #problems()} is empty: every key in both languages with the same arguments.
 */
public final class Messages {

    private static final Pattern ARGUMENT = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final DateTimeFormatter PT_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter PT_INSTANT = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * The platform's own texts: the problem details of {@code ProblemException}'s factories and refusals, and the common
     * field messages ({@code field.<code>}: {@code field.required}, {@code field.too_long}, …) of {@code FieldError.of}.
     */
    public static final Messages PLATFORM = of(Messages.class, "messages");

    private final String name;
    private final Map<Locale, Map<String, String>> texts;

    private Messages(String name, Map<Locale, Map<String, String>> texts) {
        this.name = name;
        this.texts = texts;
    }

    /**
     * The message files {@code baseName.properties} and {@code baseName_pt_BR.properties} in the package of
     * {@code owner} (a name starting with {@code /} is from the bundle's root). The English file must exist.
     */
    public static Messages of(Class<?> owner, String baseName) {
        Map<Locale, Map<String, String>> texts = new LinkedHashMap<>();
        for (Locale locale : Locales.SUPPORTED) {
            String file = baseName + (locale.equals(Locales.EN) ? "" : "_" + locale.toString()) + ".properties";
            Map<String, String> loaded = load(owner, file);
            if (loaded == null && locale.equals(Locales.EN)) {
                throw new IllegalStateException("no message file " + file + " beside " + owner.getName());
            }
            texts.put(locale, loaded == null ? Map.of() : loaded);
        }
        return new Messages(owner.getPackageName() + "/" + baseName, texts);
    }

    private static Map<String, String> load(Class<?> owner, String file) {
        try (InputStream in = owner.getResourceAsStream(file)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (String key : p.stringPropertyNames()) {
                out.put(key, p.getProperty(key));
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read message file " + file + " beside " + owner.getName(), e);
        }
    }

    /** The text of {@code key} in the current request's language ({@link Locales#current()}). */
    public String text(String key) {
        return text(Locales.current(), key, Map.of());
    }

    /** The text of {@code key} with its arguments, in the current request's language. */
    public String text(String key, Map<String, ?> args) {
        return text(Locales.current(), key, args);
    }

    /**
     * The text of {@code key} in {@code locale} (any Portuguese: pt-BR; any other: English) with its arguments; the
     * English text when the language lacks the key, the key itself when English lacks it too.
     */
    public String text(Locale locale, String key, Map<String, ?> args) {
        Locale language = Locales.supported(locale);
        String template = texts.get(language).get(key);
        if (template == null) {
            language = Locales.EN;
            template = texts.get(Locales.EN).get(key);
        }
        if (template == null) {
            return key;
        }
        return format(language, template, args == null ? Map.of() : args);
    }

    /** Whether English has {@code key}. */
    public boolean has(String key) {
        return texts.get(Locales.EN).containsKey(key);
    }

    /** The keys of one language. */
    public Set<String> keys(Locale locale) {
        return Collections.unmodifiableSet(new TreeSet<>(texts.get(Locales.supported(locale)).keySet()));
    }

    /**
     * What is wrong with the files, for a unit test to assert empty: a key one language lacks, an empty text, a text
     * whose arguments differ from the English one's.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        Map<String, String> english = texts.get(Locales.EN);
        for (Locale locale : Locales.SUPPORTED) {
            Map<String, String> these = texts.get(locale);
            for (String key : new TreeSet<>(english.keySet())) {
                String text = these.get(key);
                if (text == null) {
                    out.add(name + ": " + locale.toLanguageTag() + " lacks " + key);
                } else if (text.isBlank()) {
                    out.add(name + ": " + locale.toLanguageTag() + " has an empty " + key);
                } else if (!arguments(text).equals(arguments(english.get(key)))) {
                    out.add(name + ": " + locale.toLanguageTag() + " " + key + " has arguments " + arguments(text) + ", English "
                            + arguments(english.get(key)));
                }
            }
            for (String key : new TreeSet<>(these.keySet())) {
                if (!english.containsKey(key)) {
                    out.add(name + ": " + locale.toLanguageTag() + " has " + key + ", English has not");
                }
            }
        }
        return out;
    }

    private static Set<String> arguments(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String format(Locale language, String template, Map<String, ?> args) {
        Matcher m = ARGUMENT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String arg = m.group(1);
            String value = args.containsKey(arg) ? write(language, args.get(arg)) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One argument as {@code language} writes it (English: its {@code toString()}). */
    public static String write(Locale language, Object value) {
        if (value == null) {
            return "";
        }
        if (Locales.supported(language).equals(Locales.EN)) {
            return value.toString();
        }
        if (value instanceof Money money) {
            return money.format(Locales.PT_BR);
        }
        if (value instanceof LocalDate date) {
            return PT_DATE.format(date);
        }
        if (value instanceof Instant instant) {
            return PT_INSTANT.format(instant);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
            return NumberFormat.getIntegerInstance(Locales.PT_BR).format(value);
        }
        if (value instanceof BigDecimal decimal) {
            NumberFormat f = NumberFormat.getNumberInstance(Locales.PT_BR);
            f.setMinimumFractionDigits(Math.max(0, decimal.scale()));
            f.setMaximumFractionDigits(Math.max(0, decimal.scale()));
            return f.format(decimal);
        }
        return value.toString();
    }

    /**
     * Arguments kept for later, as one text (a database column): each {@code name=type:value} on its own line, the type
     * saying how {@link #restore} gives it back ({@code s} text, {@code m} {@link Money}, {@code d} {@link LocalDate},
     * {@code t} {@link Instant}, {@code n} whole number, {@code b} decimal), so a text rendered when it is read (a history
     * summary in the reader's language) writes money and dates by language as one rendered at once would.
     */
    public static String store(Map<String, ?> args) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, ?> e : new java.util.TreeMap<>(args).entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            String typed;
            if (v instanceof Money m) {
                typed = "m:" + m.toPlainString() + " " + m.currencyCode();
            } else if (v instanceof LocalDate d) {
                typed = "d:" + d;
            } else if (v instanceof Instant t) {
                typed = "t:" + t;
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof BigInteger) {
                typed = "n:" + v;
            } else if (v instanceof BigDecimal b) {
                typed = "b:" + b.toPlainString();
            } else {
                typed = "s:" + v;
            }
            out.append(e.getKey()).append('=').append(typed.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")).append('\n');
        }
        return out.toString();
    }

    /** The arguments {@link #store} kept, with their types; empty for null or blank. */
    public static Map<String, Object> restore(String stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (stored == null || stored.isBlank()) {
            return out;
        }
        for (String line : stored.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.length() < eq + 3 || line.charAt(eq + 2) != ':') {
                continue;
            }
            String name = line.substring(0, eq);
            char type = line.charAt(eq + 1);
            String value = unescape(line.substring(eq + 3));
            try {
                out.put(name, switch (type) {
                    case 'm' -> {
                        int space = value.lastIndexOf(' ');
                        yield Money.of(value.substring(0, space), value.substring(space + 1));
                    }
                    case 'd' -> LocalDate.parse(value);
                    case 't' -> Instant.parse(value);
                    case 'n' -> Long.parseLong(value);
                    case 'b' -> new BigDecimal(value);
                    default -> value;
                });
            } catch (RuntimeException e) {
                out.put(name, value);
            }
        }
        return out;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
