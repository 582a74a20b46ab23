package io.clientele.platform.impl.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SHA-256 of each changelog file as it was last applied in full, kept in {@code platform_schema_digest}. When every
 * changelog a start (or a module) brings has the digest recorded for it, nothing in it can be new to the database, and
 * Liquibase need not run at all: that spares its start-up (its plugins, the change history, the lock), about a second
 * of every start. A changelog that includes other files, or has changeSets that run always or on change, is never
 * skipped.
 */
final class SchemaDigests {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaDigests.class);
    static final String TABLE = "platform_schema_digest";

    private SchemaDigests() {
    }

    /** The changelog's digest, or null when it cannot vouch for the changelog (not found, includes, runAlways/runOnChange). */
    static String of(LiquibaseMigrator.Changelog changelog) {
        try (InputStream in = changelog.loader().getResourceAsStream(changelog.path())) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.contains("<include") || text.contains("runAlways") || text.contains("runOnChange")) {
                return null; // its own bytes do not cover what it includes; such changeSets must meet Liquibase every time
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException e) {
            LOG.debug("cannot read changelog {}: {}", changelog.path(), e.getMessage());
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The digests of the given changelogs, by path; null when one of them cannot have one. */
    static Map<String, String> of(List<LiquibaseMigrator.Changelog> changelogs) {
        Map<String, String> digests = new HashMap<>();
        for (LiquibaseMigrator.Changelog changelog : changelogs) {
            String digest = of(changelog);
            if (digest == null) {
                return null;
            }
            digests.put(changelog.path(), digest);
        }
        return digests;
    }

    /** True when the database holds exactly these digests for these changelogs; false too when it has no digests yet. */
    static boolean allRecorded(Connection c, Map<String, String> digests) {
        if (digests == null || digests.isEmpty()) {
            return false;
        }
        Map<String, String> recorded = new HashMap<>();
        boolean autoCommit = true;
        try {
            autoCommit = c.getAutoCommit();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT changelog, digest FROM " + TABLE)) {
                while (rs.next()) {
                    recorded.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            // no such table: a new database, or one migrated before digests were kept; Liquibase will create it
            LOG.debug("no schema digests to compare with: {}", e.getMessage());
            rollbackQuietly(c, autoCommit);
            return false;
        }
        return digests.entrySet().stream().allMatch(d -> d.getValue().equals(recorded.get(d.getKey())));
    }

    /** Records the digests of changelogs just applied in full. Failing to record only means the next start runs Liquibase. */
    static void record(Connection c, Map<String, String> digests) {
        if (digests == null || digests.isEmpty()) {
            return;
        }
        boolean autoCommit = true;
        try {
            autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE changelog = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO " + TABLE + " (changelog, digest, recorded_at) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> d : digests.entrySet()) {
                    delete.setString(1, d.getKey());
                    delete.executeUpdate();
                    insert.setString(1, d.getKey());
                    insert.setString(2, d.getValue());
                    insert.setTimestamp(3, now);
                    insert.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            LOG.warn("cannot record the schema digests (the next start runs Liquibase again): {}", e.getMessage());
            rollbackQuietly(c, false);
        } finally {
            try {
                c.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                LOG.debug("cannot restore auto-commit: {}", e.getMessage());
            }
        }
    }

    private static void rollbackQuietly(Connection c, boolean autoCommit) {
        if (autoCommit) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.getMessage());
        }
    }
}
