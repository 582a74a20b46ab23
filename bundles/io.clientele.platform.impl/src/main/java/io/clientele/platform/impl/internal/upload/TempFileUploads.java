package io.clientele.platform.impl.internal.upload;

import io.clientele.platform.impl.internal.files.TempFolders;
import io.clientele.platform.api.upload.Upload;
import io.clientele.platform.api.upload.UploadService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's {@link UploadService}: bodies stream through a 64 KB buffer into a temporary file in the configured
 * folder, counted as they arrive; nothing of the file is held in memory. Files left in the folder by a crash are
 * removed when the service starts.
 */
@Component(service = UploadService.class, configurationPid = "io.clientele.upload", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = UploadConfig.class)
public class TempFileUploads implements UploadService {

    private static final Logger LOG = LoggerFactory.getLogger(TempFileUploads.class);
    static final String PREFIX = "upload-";

    private final UploadSlots slots;
    private final String karafData;
    private volatile Path directory;

    @Activate
    public TempFileUploads(BundleContext context, UploadConfig config) {
        this(context.getProperty("karaf.data"), config);
    }

    TempFileUploads(String karafData, UploadConfig config) {
        this.karafData = karafData;
        this.slots = new UploadSlots(config.maxConcurrentUploads(), config.retryAfterSeconds());
        this.directory = TempFolders.folder(config.directory(), karafData, "uploads");
        TempFolders.sweep(directory, PREFIX);
    }

    @Modified
    void modified(UploadConfig config) {
        slots.resize(config.maxConcurrentUploads(), config.retryAfterSeconds());
        directory = TempFolders.folder(config.directory(), karafData, "uploads");
    }

    Path directory() {
        return directory;
    }

    int uploadsInProgress() {
        return slots.inUse();
    }

    @Override
    public Upload receiveFile(String contentType, String contentLength, InputStream body, long maxBytes) {
        String boundary = MultipartFilePart.boundary(contentType);
        long allowance = Math.addExact(Math.max(0, maxBytes), MultipartFilePart.OVERHEAD);
        refuseAnnounced(contentLength, allowance, maxBytes);
        LimitedBody limited = new LimitedBody(body, allowance, Long.toString(maxBytes));
        return receive((out) -> {
            MultipartFilePart.Header h = MultipartFilePart.copy(limited, boundary, FILE_PART, maxBytes, out);
            return new String[] {h.fileName(), h.contentType()};
        });
    }

    @Override
    public Upload receiveBody(String contentType, String contentLength, InputStream body, long maxBytes) {
        long max = Math.max(0, maxBytes);
        refuseAnnounced(contentLength, max, maxBytes);
        LimitedBody limited = new LimitedBody(body, max, Long.toString(maxBytes));
        return receive((out) -> {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = limited.read(buffer, 0, buffer.length)) >= 0) {
                out.write(buffer, 0, n);
            }
            return new String[] {null, contentType == null || contentType.isBlank() ? null : contentType.trim()};
        });
    }

    /** A {@code Content-Length} over the allowance is refused before a byte is read; a strange one is judged while reading. */
    private static void refuseAnnounced(String contentLength, long allowance, long maxBytes) {
        if (contentLength == null) {
            return;
        }
        try {
            if (Long.parseLong(contentLength.trim()) > allowance) {
                throw UploadProblems.tooLarge(Long.toString(maxBytes));
            }
        } catch (NumberFormatException e) {
            // the container validates Content-Length; the count while reading decides
        }
    }

    private interface Copy {
        /** Copies the file to {@code out}; its file name and declared content type. */
        String[] to(OutputStream out) throws IOException;
    }

    private Upload receive(Copy copy) {
        slots.acquire();
        Path file = null;
        boolean ok = false;
        try {
            file = Files.createTempFile(directory, PREFIX, ".tmp");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String[] meta;
            CountingOutputStream counted;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                counted = new CountingOutputStream(out);
                meta = copy.to(counted);
            }
            Path stored = file;
            TempFileUpload upload = new TempFileUpload(stored, meta[0], meta[1], counted.count(), HexFormat.of().formatHex(sha.digest()),
                    slots::release);
            ok = true;
            return upload;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the upload to " + directory, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (!ok) {
                try {
                    if (file != null) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", file, e.toString());
                } finally {
                    slots.release();
                }
            }
        }
    }

    /** Counts the bytes written through it. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }
}
