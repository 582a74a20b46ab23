package io.clientele.platform.testing;

import io.clientele.platform.api.upload.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A received file as the platform's upload service hands it over ({@code Upload}: its bytes in a temporary file, deleted
 * on close), made from bytes: for module stores' tests that take an upload without the HTTP multipart in front.
 */
public final class BytesUpload implements Upload {

    private final String fileName;
    private final String contentType;
    private final Path file;
    private final long size;
    private final String sha256;

    public BytesUpload(String fileName, String contentType, byte[] content) {
        this.fileName = fileName;
        this.contentType = contentType;
        try {
            this.file = Files.createTempFile("test-upload-", ".bin");
            Files.write(file, content);
            this.sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.size = content.length;
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
        return Files.newInputStream(file);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
