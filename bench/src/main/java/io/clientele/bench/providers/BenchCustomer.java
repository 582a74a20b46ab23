package io.clientele.bench.providers;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/**
 * The part of a customer row a create writes, as one entity both JPA providers can map with standard annotations only
 * (the registry's own {@code CustomerRecord} carries EclipseLink's multitenancy, which Hibernate does not read): the
 * same columns and types as {@code customer}'s, the agency an ordinary column.
 */
@Entity(name = "BenchCustomer")
@Table(name = "bench_customer")
public class BenchCustomer {

    @Id
    @Column(name = "id", length = 36)
    String id;
    @Column(name = "agency_id", length = 36, nullable = false)
    String agencyId;
    @Column(name = "name", length = 200, nullable = false)
    String name;
    @Column(name = "name_lower", length = 200, nullable = false)
    String nameLower;
    @Column(name = "company_name", length = 200)
    String companyName;
    @Column(name = "person_type", length = 16, nullable = false)
    String personType;
    @Column(name = "document_number", length = 40)
    String documentNumber;
    @Column(name = "email", length = 254)
    String email;
    @Column(name = "email_lower", length = 254)
    String emailLower;
    @Column(name = "phone", length = 40)
    String phone;
    @Column(name = "city", length = 100)
    String city;
    @Column(name = "state", length = 60)
    String state;
    @Column(name = "restricted", nullable = false)
    boolean restricted;
    @Column(name = "supplier", nullable = false)
    boolean supplier;
    @Column(name = "archived", nullable = false)
    boolean archived;
    @Column(name = "search_text", length = 2000)
    String searchText;
    @Version
    @Column(name = "version", nullable = false)
    long version;
    @Column(name = "created_at", nullable = false)
    java.sql.Timestamp createdAt;
    @Column(name = "updated_at", nullable = false)
    java.sql.Timestamp updatedAt;

    public BenchCustomer() {
    }

    /** Customer number {@code n} of {@code agencyId}, created at {@code now}. */
    static BenchCustomer number(String id, String agencyId, long n, Instant now) {
        BenchCustomer c = new BenchCustomer();
        c.id = id;
        c.agencyId = agencyId;
        c.name = "Cliente " + n;
        c.nameLower = c.name.toLowerCase();
        c.companyName = "Cliente " + n + " Ltda";
        c.personType = "COMPANY";
        c.documentNumber = "12.345.678/0001-95";
        c.email = "contato" + n + "@example.com";
        c.emailLower = c.email;
        c.phone = "+55 11 5555-0000";
        c.city = "São Paulo";
        c.state = "SP";
        c.searchText = " cliente " + n + " ltda contato" + n + " ";
        c.createdAt = java.sql.Timestamp.from(now);
        c.updatedAt = c.createdAt;
        return c;
    }

    /** The columns in insert order, for the raw JDBC baseline. */
    static final String INSERT = "INSERT INTO bench_customer (id, agency_id, name, name_lower, company_name, person_type, "
            + "document_number, email, email_lower, phone, city, state, restricted, supplier, archived, search_text, version, "
            + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    Object[] values() {
        return new Object[] {id, agencyId, name, nameLower, companyName, personType, documentNumber, email, emailLower, phone, city,
                state, restricted, supplier, archived, searchText, version, createdAt, updatedAt};
    }

    static final String DDL = "CREATE TABLE bench_customer (id VARCHAR(36) NOT NULL PRIMARY KEY, agency_id VARCHAR(36) NOT NULL, "
            + "name VARCHAR(200) NOT NULL, name_lower VARCHAR(200) NOT NULL, company_name VARCHAR(200), person_type VARCHAR(16) NOT NULL, "
            + "document_number VARCHAR(40), email VARCHAR(254), email_lower VARCHAR(254), phone VARCHAR(40), city VARCHAR(100), "
            + "state VARCHAR(60), restricted BOOLEAN NOT NULL, supplier BOOLEAN NOT NULL, archived BOOLEAN NOT NULL, "
            + "search_text VARCHAR(2000), version BIGINT NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)";
}
