package io.clientele.integration.impl.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of secret settings, from configuration ({@code secretKeys}, {@code activeSecretKey} of
 * {@code io.clientele.integration}, or {@code CLIENTELE_INTEGRATION_SECRET_KEYS} / {@code CLIENTELE_INTEGRATION_ACTIVE_SECRET_KEY}
 * through the cfg file). Without configured keys a key is generated on the first start and kept in
 * {@code data/integration-secret-keys}, readable only by the owner of the process; a WARN says that several nodes need
 * the key configured. Keys of that file stay readable (never used for new values) once keys are configured, so values
 * written before stay readable. A bad configuration stops the component (activation) or keeps the previous keys
 * (a live change), with an ERROR naming the fault, never a key.
 */
@Component(service = IntegrationSecrets.class, configurationPid = IntegrationSecrets.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = IntegrationConfig.class)
public class IntegrationSecrets {

    static final String PID = "io.clientele.integration";
    static final String GENERATED_KEY_ID = "local-1";
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationSecrets.class);

    private final Path keyFile;
    private volatile SecretCipher cipher;

    @Activate
    public IntegrationSecrets(IntegrationConfig config) {
        this(config, Paths.get(System.getProperty("karaf.data", "data"), "integration-secret-keys"));
    }

    IntegrationSecrets(IntegrationConfig config, Path keyFile) {
        this.keyFile = keyFile;
        this.cipher = cipherOf(config.secretKeys(), config.activeSecretKey());
    }

    @Modified
    void modified(IntegrationConfig config) {
        try {
            cipher = cipherOf(config.secretKeys(), config.activeSecretKey());
        } catch (IllegalArgumentException e) {
            LOG.error("integration secret keys not changed, the new configuration is refused: {}", e.getMessage());
        }
    }

    SecretCipher cipher() {
        return cipher;
    }

    private SecretCipher cipherOf(String secretKeys, String activeSecretKey) {
        Map<String, byte[]> configured;
        try {
            configured = SecretCipher.parseKeys(secretKeys);
        } catch (IllegalArgumentException e) {
            LOG.error("io.clientele.integration secretKeys: {}", e.getMessage());
            throw e;
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (configured.isEmpty()) {
            keys.putAll(generatedKeys(true));
            LOG.warn("No integration secret key is configured: secret settings are encrypted with a key generated on this node and kept"
                    + " in {}. A cluster's nodes must share the key: configure it (secretKeys and activeSecretKey of io.clientele.integration,"
                    + " or CLIENTELE_INTEGRATION_SECRET_KEYS and CLIENTELE_INTEGRATION_ACTIVE_SECRET_KEY) on every node.", keyFile);
            return new SecretCipher(keys, GENERATED_KEY_ID);
        }
        // values written with the generated key before keys were configured stay readable
        generatedKeys(false).forEach(keys::putIfAbsent);
        keys.putAll(configured);
        String active = activeSecretKey == null || activeSecretKey.isBlank() ? List.copyOf(configured.keySet()).get(configured.size() - 1)
                : activeSecretKey.trim();
        if (!configured.containsKey(active)) {
            IllegalArgumentException e = new IllegalArgumentException("the active secret key '" + active + "' is not among secretKeys");
            LOG.error("io.clientele.integration activeSecretKey: {}", e.getMessage());
            throw e;
        }
        return new SecretCipher(keys, active);
    }

    /** The keys of the node's key file; when {@code create} and there is none, a new key written there owner-only. */
    private Map<String, byte[]> generatedKeys(boolean create) {
        try {
            if (Files.exists(keyFile)) {
                return SecretCipher.parseKeys(String.join(",", Files.readAllLines(keyFile, StandardCharsets.UTF_8)));
            }
            if (!create) {
                return Map.of();
            }
            String entry = SecretCipher.newKeyEntry(GENERATED_KEY_ID);
            writeOwnerOnly(keyFile, entry);
            return SecretCipher.parseKeys(entry);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or write the integration key file " + keyFile + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(keyFile + ": " + e.getMessage());
        }
    }

    /**
     * Writes a new file that only its owner may read and write: created and written in one step through one channel
     * ({@code CREATE_NEW}, with the permissions on POSIX file systems), so it never exists readable by others, nor empty
     * for another node's start to find. Elsewhere the owner-only flags are set before anything is written.
     */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        try (SeekableByteChannel channel = posix
                ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.newByteChannel(file, options)) {
            if (!posix && !(file.toFile().setReadable(false, false) && file.toFile().setReadable(true, true))) {
                throw new IOException("cannot make " + file + " readable by its owner only");
            }
            channel.write(ByteBuffer.wrap((content + System.lineSeparator()).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
