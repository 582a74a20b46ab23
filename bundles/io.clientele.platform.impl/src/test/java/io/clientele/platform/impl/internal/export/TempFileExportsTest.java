package io.clientele.platform.impl.internal.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.db.Dialect;
import io.clientele.platform.api.export.SpooledExport;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.impl.internal.db.LiquibaseMigrator;
import io.clientele.platform.impl.internal.db.ThreadBoundDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFileExportsTest {

    record Config(String directory, int maxConcurrentExports, int slotWaitMillis, int retryAfterSeconds) implements ExportConfig {
        @Override
        public Class<? extends Annotation> annotationType() {
            return ExportConfig.class;
        }
    }

    private static ThreadBoundDatabase database() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:exports-" + System.nanoTime());
        ds.setCreateDatabase("create");
        return new ThreadBoundDatabase(ds, Dialect.DERBY, new LiquibaseMigrator(), 3, 45);
    }

    private static long files(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void theExportIsWrittenWithTheBulkTimeoutThenSentFromItsFileWhichIsDeleted(@TempDir Path dir) throws IOException {
        ThreadBoundDatabase db = database();
        TempFileExports exports = new TempFileExports((String) null, db, new Config(dir.toString(), 2, 100, 5));
        int[] timeout = new int[1];
        SpooledExport file = exports.spool(out -> {
            timeout[0] = db.inTransaction(c -> c.prepareStatement("VALUES 1").getQueryTimeout());
            out.write("a,b\r\n".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        });
        assertEquals(45, timeout[0], "statements written into an export get the bulk-read timeout");
        assertEquals(3, (int) db.inTransaction(c -> c.prepareStatement("VALUES 1").getQueryTimeout()), "and others the usual one");
        assertEquals(500_000, file.size());
        assertEquals(1, files(dir), "written before anything is sent");
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        file.write(sent);
        assertArrayEquals("a,b\r\n".repeat(100_000).getBytes(StandardCharsets.UTF_8), sent.toByteArray());
        assertEquals(0, files(dir), "deleted once sent");
    }

    @Test
    void aFailingExportLeavesNoFileAndFreesItsSlot(@TempDir Path dir) throws IOException {
        TempFileExports exports = new TempFileExports((String) null, database(), new Config(dir.toString(), 1, 100, 5));
        assertThrows(IllegalStateException.class, () -> exports.spool(out -> {
            out.write(new byte[1000]);
            throw new IllegalStateException("the query failed");
        }));
        assertEquals(0, files(dir));
        SpooledExport next = exports.spool(out -> out.write(1));
        assertEquals(1, next.size());
        next.discard();
        assertEquals(0, files(dir));
    }

    @Test
    void moreExportsThanSlotsWaitThenAre503WithRetryAfter(@TempDir Path dir) throws Exception {
        TempFileExports exports = new TempFileExports((String) null, database(), new Config(dir.toString(), 1, 200, 7));
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<SpooledExport> first = CompletableFuture.supplyAsync(() -> exports.spool(out -> {
            writing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(1);
        }));
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        ProblemException busy = assertThrows(ProblemException.class, () -> exports.spool(out -> out.write(2)));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(503, busy.status());
        assertEquals(7L, busy.retryAfterSeconds());
        assertTrue(waited >= 150 && waited < 5_000, "waited " + waited + " ms");
        release.countDown();
        first.get(10, TimeUnit.SECONDS).discard();
        // the slot is free again, and sending no longer needs one
        SpooledExport again = exports.spool(out -> out.write(3));
        assertFalse(again.size() == 0);
        again.discard();
    }

    @Test
    void filesLeftByAnEarlierRunAreRemovedAtStart(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(TempFileExports.PREFIX + "left.tmp"), "x");
        Files.writeString(dir.resolve("someone-else.txt"), "y");
        new TempFileExports((String) null, database(), new Config(dir.toString(), 1, 100, 5));
        assertEquals(1, files(dir));
    }
}
