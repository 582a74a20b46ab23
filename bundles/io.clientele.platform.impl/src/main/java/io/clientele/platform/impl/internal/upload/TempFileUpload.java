package io.clientele.platform.impl.internal.upload;

import io.clientele.platform.api.upload.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** A received upload in its temporary file; closing it deletes the file and gives back its slot (once). */
final class TempFileUpload implements Upload {

    private final Path file;
    private final String fileName;
    private final String contentType;
    private final long size;
    private final String sha256;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    TempFileUpload(Path file, String fileName, String contentType, long size, String sha256, Runnable release) {
        this.file = file;
        this.fileName = fileName;
        this.contentType = contentType;
        this.size = size;
        this.sha256 = sha256;
        this.release = release;
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String sha256() {
        return sha256;
    }

    @Override
    public InputStream open() throws IOException {
        if (closed.get()) {
            throw new IOException("the upload was closed and its file deleted");
        }
        return Files.newInputStream(file);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the upload's temporary file " + file, e);
            } finally {
                release.run();
            }
        }
    }
}
