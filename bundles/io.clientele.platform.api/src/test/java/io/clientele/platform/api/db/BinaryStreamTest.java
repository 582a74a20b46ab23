package io.clientele.platform.api.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A binary column is written from a stream of known length (an uploaded file), not from a byte array. */
class BinaryStreamTest {

    @Test
    void aBlobIsWrittenFromAStream() throws Exception {
        Database db = new SingleConnectionDatabase();
        db.inTransaction(c -> Jdbc.update(c, "CREATE TABLE stored_file (id VARCHAR(36) PRIMARY KEY, agency_id VARCHAR(36) NOT NULL, "
                + "content BLOB(20M))"));
        TenantTable files = new TenantTable(db, "stored_file");
        byte[] content = new byte[3 * 1024 * 1024 + 7];
        new Random(7).nextBytes(content);
        Principal agency = Principal.system("agency-a", "a", "test");
        RequestContext.runAs(agency, () -> files.insert(Map.of("id", "f1",
                "content", new Jdbc.BinaryStream(new ByteArrayInputStream(content), content.length))));
        List<byte[]> stored = RequestContext.runAs(agency, () -> files.find("id = ?", List.of("f1"), null, 1, rs -> rs.getBytes("content")));
        assertArrayEquals(content, stored.get(0));
        assertThrows(IllegalArgumentException.class, () -> new Jdbc.BinaryStream(new ByteArrayInputStream(content), -1));
    }
}
