package io.clientele.platform.impl.internal.export;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.export.ExportService;
import io.clientele.platform.api.export.SpooledExport;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.impl.internal.files.TempFolders;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The platform's {@link ExportService}: an export is written through a 64 KB buffer into a temporary file while the
 * request holds one of {@code maxConcurrentExports} slots, with the bulk-read statement timeout; then the slot (and every
 * database connection) is free, and the file is streamed to the client at whatever pace it reads, and deleted.
 */
@Component(service = ExportService.class, configurationPid = "io.clientele.export", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ExportConfig.class)
public class TempFileExports implements ExportService {

    static final String PREFIX = "export-";

    private final Database database;
    private final Path directory;
    private final Semaphore slots;
    private final int maxConcurrent;
    private final long waitMillis;
    private final long retryAfterSeconds;

    @Activate
    public TempFileExports(BundleContext context, @Reference Database database, ExportConfig config) {
        this(context.getProperty("karaf.data"), database, config);
    }

    TempFileExports(String karafData, Database database, ExportConfig config) {
        this.database = database;
        this.directory = TempFolders.folder(config.directory(), karafData, "exports");
        this.maxConcurrent = Math.max(1, config.maxConcurrentExports());
        this.slots = new Semaphore(maxConcurrent, true);
        this.waitMillis = Math.max(0, config.slotWaitMillis());
        this.retryAfterSeconds = Math.max(1, config.retryAfterSeconds());
        TempFolders.sweep(directory, PREFIX);
    }

    Path directory() {
        return directory;
    }

    @Override
    public SpooledExport spool(ExportWriter writer) {
        acquire();
        Path file = null;
        boolean ok = false;
        try {
            file = Files.createTempFile(directory, PREFIX, ".tmp");
            Path target = file;
            database.bulkRead(() -> {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 64 * 1024)) {
                    writer.write(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
            SpooledExport spooled = new TempFileExport(file);
            ok = true;
            return spooled;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an export to " + directory, e);
        } finally {
            slots.release();
            if (!ok && file != null) {
                TempFileExport.delete(file);
            }
        }
    }

    private void acquire() {
        try {
            if (!slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new ProblemException(503, "service_unavailable", "This node is writing as many exports as it writes at once ("
                        + maxConcurrent + "); try again shortly.", null, retryAfterSeconds);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while waiting to write the export");
        }
    }
}
