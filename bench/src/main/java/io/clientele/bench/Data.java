package io.clientele.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Generated customers (fixed seeds, so every run writes the same data) and the raw JDBC insert of them. */
final class Data {

    /** Appears in {@link #RARE_COUNT} customers of the seeded data only: the "rare word" of the text search. */
    static final String RARE_WORD = "Quixadaense";
    static final int RARE_COUNT = 20;
    /** A surname one customer in ~8 carries: the "common word" of the text search. */
    static final String COMMON_WORD = "Silva";

    static final String[] FIRST = {"Ana", "Bruno", "Carla", "Diego", "Elisa", "Fabio", "Gabriela", "Heitor", "Isabela", "Joao",
            "Karina", "Lucas", "Mariana", "Nicolas", "Olivia", "Pedro", "Quiteria", "Rafael", "Sofia", "Tiago", "Ursula",
            "Vitor", "Wesley", "Xavier", "Yara", "Zeca"};
    static final String[] LAST = {COMMON_WORD, "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira",
            "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes",
            "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado",
            "Mendes", "Freitas", "Cardoso", "Ramos", "Goncalves", "Santana", "Teixeira", "Araujo", "Pinto", "Campos",
            "Correia", "Moura"};
    static final String[] TRADE = {"Midia", "Criativa", "Digital", "Comunicacao", "Design", "Eventos", "Producoes", "Marketing",
            "Publicidade", "Conteudo", "Estudio", "Solucoes", "Tecnologia", "Alimentos", "Moveis", "Textil"};
    static final String[] STATES = {"AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB",
            "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO"};
    static final String[] CITIES = {"Sao Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Porto Alegre", "Recife",
            "Salvador", "Fortaleza", "Campinas", "Santos", "Florianopolis", "Goiania", "Manaus", "Belem", "Vitoria"};

    record Row(String name, String companyName, String personType, String email, String phone, String city, String state,
               String country) {

        Map<String, Object> json() {
            return Map.of("name", name, "companyName", companyName, "personType", personType, "email", email,
                    "phone", phone, "address", Map.of("city", city, "state", state, "country", country));
        }
    }

    private final Random random;
    private long counter;

    Data(long seed) {
        this.random = new Random(seed);
    }

    Row next() {
        long n = counter++;
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String name = first + " " + last + " " + Long.toString(n, 36);
        String company = LAST[random.nextInt(LAST.length)] + " " + TRADE[random.nextInt(TRADE.length)] + " Ltda";
        String email = first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + n + "@example.com.br";
        String phone = String.format("+55 11 9%04d-%04d", random.nextInt(10000), random.nextInt(10000));
        return new Row(name, company, random.nextInt(5) == 0 ? "PERSON" : "COMPANY", email, phone,
                CITIES[random.nextInt(CITIES.length)], STATES[random.nextInt(STATES.length)], "BR");
    }

    Row withRareWord(Row r) {
        return new Row(r.name() + " " + RARE_WORD, r.companyName(), r.personType(), r.email(), r.phone(), r.city(), r.state(),
                r.country());
    }

    UUID nextId() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    static final String INSERT = "INSERT INTO customer (id, agency_id, name, name_lower, company_name, company_name_lower,"
            + " person_type, email, email_lower, phone, city, city_lower, state, country, restricted, supplier,"
            + " receive_promotional_emails, publish_digital_media, portal_access, archived, version, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Binds one customer as the registry stores it (search words left NULL: the platform's indexer adds them). */
    static void bind(PreparedStatement ps, String id, String agencyId, Row r, Instant created, Instant updated) throws SQLException {
        int i = 1;
        ps.setString(i++, id);
        ps.setString(i++, agencyId);
        ps.setString(i++, r.name());
        ps.setString(i++, r.name().toLowerCase(Locale.ROOT));
        ps.setString(i++, r.companyName());
        ps.setString(i++, r.companyName().toLowerCase(Locale.ROOT));
        ps.setString(i++, r.personType());
        ps.setString(i++, r.email());
        ps.setString(i++, r.email().toLowerCase(Locale.ROOT));
        ps.setString(i++, r.phone());
        ps.setString(i++, r.city());
        ps.setString(i++, r.city().toLowerCase(Locale.ROOT));
        ps.setString(i++, r.state());
        ps.setString(i++, r.country());
        for (int b = 0; b < 6; b++) {
            ps.setBoolean(i++, false);
        }
        ps.setLong(i++, 0L);
        ps.setTimestamp(i++, Timestamp.from(created));
        ps.setTimestamp(i, Timestamp.from(updated));
    }

    static long count(Connection c, String agencyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM customer WHERE agency_id = ?")) {
            ps.setString(1, agencyId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
