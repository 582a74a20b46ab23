package io.clientele.platform.testing;

import io.clientele.platform.api.db.Database;
import java.math.BigDecimal;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.internal.helper.DatabaseTable;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.foundation.AbstractDirectMapping;
import org.eclipse.persistence.sessions.Session;

/**
 * Checks a persistence unit's mappings against the schema Liquibase made (JPA never generates DDL, so a mapping that
 * drifted from a changelog would otherwise fail only at run time): every mapped table and column exists (the tenant
 * column too); each attribute's Java type fits its column's SQL type; a string attribute's declared length is the
 * column's; a decimal's scale is the column's; a primitive attribute is on a NOT NULL column; a column the mapping
 * declares {@code nullable = false} is NOT NULL in the schema.
 */
public final class MappingCheck {

    private static final Map<Class<?>, Set<Integer>> SQL_TYPES = new HashMap<>();

    static {
        SQL_TYPES.put(String.class, Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB, Types.NVARCHAR));
        SQL_TYPES.put(BigDecimal.class, Set.of(Types.DECIMAL, Types.NUMERIC));
        SQL_TYPES.put(long.class, Set.of(Types.BIGINT));
        SQL_TYPES.put(Long.class, Set.of(Types.BIGINT));
        SQL_TYPES.put(int.class, Set.of(Types.INTEGER, Types.SMALLINT));
        SQL_TYPES.put(Integer.class, Set.of(Types.INTEGER, Types.SMALLINT));
        SQL_TYPES.put(boolean.class, Set.of(Types.BOOLEAN, Types.BIT));
        SQL_TYPES.put(Boolean.class, Set.of(Types.BOOLEAN, Types.BIT));
        SQL_TYPES.put(LocalDate.class, Set.of(Types.DATE));
        SQL_TYPES.put(Instant.class, Set.of(Types.TIMESTAMP));
    }

    private final EntityManagerFactory unit;
    private final Database database;

    public MappingCheck(EntityManagerFactory unit, Database database) {
        this.unit = unit;
        this.database = database;
    }

    private record Column(int type, int size, int scale, boolean nullable) {
    }

    public List<String> problems() {
        Session session = unit.unwrap(Session.class);
        List<String> problems = new ArrayList<>();
        database.inTransaction(c -> {
            DatabaseMetaData meta = c.getMetaData();
            for (ClassDescriptor d : session.getDescriptors().values()) {
                if (d.isAggregateDescriptor() || d.isDescriptorForInterface()) {
                    continue;
                }
                String entity = d.getJavaClass().getSimpleName();
                Map<String, Map<String, Column>> tables = new HashMap<>();
                for (DatabaseTable t : d.getTables()) {
                    Map<String, Column> columns = columns(meta, c.getSchema(), t.getName());
                    if (columns.isEmpty()) {
                        problems.add(entity + ": table " + t.getName() + " does not exist");
                    }
                    tables.put(t.getName().toLowerCase(Locale.ROOT), columns);
                }
                for (DatabaseField f : d.getFields()) {
                    Map<String, Column> columns = tables.get(f.getTableName().toLowerCase(Locale.ROOT));
                    if (columns != null && !columns.isEmpty() && !columns.containsKey(f.getName().toLowerCase(Locale.ROOT))) {
                        problems.add(entity + ": column " + f.getTableName() + "." + f.getName() + " does not exist");
                    }
                }
                for (DatabaseMapping m : d.getMappings()) {
                    if (!(m instanceof AbstractDirectMapping direct)) {
                        continue;
                    }
                    DatabaseField f = direct.getField();
                    Map<String, Column> columns = tables.get(f.getTableName().toLowerCase(Locale.ROOT));
                    Column column = columns == null ? null : columns.get(f.getName().toLowerCase(Locale.ROOT));
                    if (column == null) {
                        continue; // reported above
                    }
                    String where = entity + "." + m.getAttributeName() + " (" + f.getName() + ")";
                    Class<?> attribute = attributeType(d.getJavaClass(), m.getAttributeName());
                    Set<Integer> fits = attribute.isEnum() ? Set.of(Types.VARCHAR, Types.CHAR) : SQL_TYPES.get(attribute);
                    if (fits == null) {
                        problems.add(where + ": no rule for attributes of type " + attribute.getName());
                    } else if (!fits.contains(column.type())) {
                        problems.add(where + ": a " + attribute.getSimpleName() + " attribute on a column of JDBC type " + column.type());
                    }
                    if (attribute == String.class && (column.type() == Types.VARCHAR || column.type() == Types.CHAR)
                            && f.getLength() != column.size()) {
                        problems.add(where + ": declares length " + f.getLength() + ", the column has " + column.size());
                    }
                    if (attribute == BigDecimal.class && f.getScale() != column.scale()) {
                        problems.add(where + ": declares scale " + f.getScale() + ", the column has " + column.scale());
                    }
                    if (attribute.isPrimitive() && column.nullable()) {
                        problems.add(where + ": a primitive attribute on a column that allows NULL");
                    }
                    if (!f.isNullable() && column.nullable()) {
                        problems.add(where + ": declared nullable = false, the column allows NULL");
                    }
                    if (f.isNullable() && !column.nullable() && !attribute.isPrimitive()) {
                        problems.add(where + ": the column is NOT NULL, the mapping does not say nullable = false");
                    }
                }
            }
            return null;
        });
        return problems;
    }

    private static Class<?> attributeType(Class<?> type, String attribute) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            try {
                return t.getDeclaredField(attribute).getType();
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalStateException("no field " + attribute + " in " + type.getName());
    }

    private static Map<String, Column> columns(DatabaseMetaData meta, String schema, String table) throws SQLException {
        Map<String, Column> columns = new HashMap<>();
        for (String name : List.of(table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getColumns(null, schema, name, null)) {
                while (rs.next()) {
                    columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), new Column(rs.getInt("DATA_TYPE"),
                            rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"), rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
                }
            }
            if (!columns.isEmpty()) {
                break;
            }
        }
        return columns;
    }
}
