package io.clientele.platform.impl.internal.export;

import io.clientele.platform.api.export.SpooledExport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A written export file: sent once, then deleted. */
final class TempFileExport implements SpooledExport {

    private static final Logger LOG = LoggerFactory.getLogger(TempFileExport.class);

    private final Path file;
    private final long size;

    TempFileExport(Path file) throws IOException {
        this.file = file;
        this.size = Files.size(file);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(output);
            output.flush();
        } finally {
            delete(file);
        }
    }

    @Override
    public void discard() {
        delete(file);
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }

    @Override
    public String toString() {
        return "export " + file + " (" + size + " bytes)";
    }
}
