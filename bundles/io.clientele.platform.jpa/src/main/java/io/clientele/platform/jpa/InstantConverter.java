package io.clientele.platform.jpa;

import java.sql.Timestamp;
import java.time.Instant;
import javax.persistence.AttributeConverter;
import javax.persistence.Converter;

/**
 * {@link Instant} as SQL {@code TIMESTAMP}, the way the platform stores UTC instants. JPA 2.2 has no mapping for
 * Instant (EclipseLink 2.7 would serialise it into a binary column); applied to every Instant attribute of a unit that
 * lists this class.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, Timestamp> {

    @Override
    public Timestamp convertToDatabaseColumn(Instant value) {
        return value == null ? null : Timestamp.from(value);
    }

    @Override
    public Instant convertToEntityAttribute(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
