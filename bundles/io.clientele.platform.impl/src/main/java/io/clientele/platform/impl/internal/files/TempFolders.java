package io.clientele.platform.impl.internal.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders of the platform's temporary files (uploads being received, exports being written): where each one is,
 * and the removal of the files a stopped or killed run left in it.
 */
public final class TempFolders {

    private static final Logger LOG = LoggerFactory.getLogger(TempFolders.class);

    private TempFolders() {
    }

    /**
     * The configured folder, else {@code <karaf.data>/tmp/<name>}, else {@code <java.io.tmpdir>/clientele-<name>};
     * created when missing.
     */
    public static Path folder(String configured, String karafData, String name) {
        String c = configured == null ? "" : configured.trim();
        Path dir = !c.isEmpty() ? Path.of(c)
                : karafData != null ? Path.of(karafData, "tmp", name)
                : Path.of(System.getProperty("java.io.tmpdir"), "clientele-" + name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the temporary folder " + dir, e);
        }
    }

    /** Removes the files named {@code prefix*} an earlier run left in {@code dir}; returns how many. */
    public static int sweep(Path dir, String prefix) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot sweep the temporary folder {}: {}", dir, e.toString());
        }
        if (removed > 0) {
            LOG.info("removed {} temporary file(s) an earlier run left in {}", removed, dir);
        }
        return removed;
    }
}
