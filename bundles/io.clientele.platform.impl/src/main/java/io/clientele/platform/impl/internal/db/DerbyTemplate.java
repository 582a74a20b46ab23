package io.clientele.platform.impl.internal.db;

import io.clientele.platform.api.db.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distribution's empty embedded Derby database: every changelog in the distribution applied, no data. Creating a
 * Derby database and applying some twenty changeSets of DDL takes several seconds of a first start on two cores; the
 * build does it once ({@link #main}), and a first start copies the result into place ({@link #copyIfAbsent}). The copy
 * carries Liquibase's change history and the changelogs' digests, so a start finds it as it would find a database it
 * had migrated itself, and a newer changelog still gets applied by Liquibase as usual.
 */
final class DerbyTemplate {

    private static final Logger LOG = LoggerFactory.getLogger(DerbyTemplate.class);
    /** Derby writes this file into every database folder it creates. */
    static final String DERBY_MARKER = "service.properties";

    private DerbyTemplate() {
    }

    /**
     * The folder of an embedded Derby URL ({@code jdbc:derby:/path/to/db;attr=value}); null for in-memory and read-only
     * (jar:, classpath:) databases and for the network client.
     */
    static Path databaseFolder(String url) {
        if (!url.startsWith("jdbc:derby:") || url.startsWith("jdbc:derby://")) {
            return null;
        }
        String path = url.substring("jdbc:derby:".length());
        int attributes = path.indexOf(';');
        if (attributes >= 0) {
            path = path.substring(0, attributes);
        }
        if (path.startsWith("directory:")) {
            path = path.substring("directory:".length());
        }
        if (path.isBlank() || path.matches("^(memory|jar|classpath):.*")) {
            return null;
        }
        return Paths.get(path);
    }

    /** The template's folder: {@code configured} as it is when absolute, else under {@code karafHome}; null when blank. */
    static Path templateFolder(String configured, String karafHome) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        Path path = Paths.get(configured.trim());
        return path.isAbsolute() || karafHome == null ? path : Paths.get(karafHome).resolve(path);
    }

    /**
     * Copies the template into {@code target} when the template is there and {@code target} holds no database yet.
     * The copy goes to a sibling folder first and is then renamed, so a start cut off halfway leaves no half database:
     * the next start copies again, or creates the database as it would without a template.
     *
     * @return true when the database now comes from the template
     */
    static boolean copyIfAbsent(Path template, Path target) {
        if (template == null || target == null || !Files.isRegularFile(template.resolve(DERBY_MARKER))
                || Files.exists(target.resolve(DERBY_MARKER))) {
            return false;
        }
        Path staging = null;
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, target.getFileName() + ".copying-");
            copyTree(template, staging);
            if (Files.isDirectory(target)) {
                Files.delete(target); // an empty folder left by someone: a database folder with anything in it is never touched
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            staging = null;
            LOG.info("created the database {} from the distribution's empty schema {}", target, template);
            return true;
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            LOG.warn("{} is not empty: the database is not created from the template", target);
            return false;
        } catch (IOException e) {
            LOG.warn("cannot copy the database template {} to {} ({}); Derby creates the database instead",
                    template, target, e.getMessage());
            return false;
        } finally {
            deleteStagingQuietly(staging);
        }
    }

    /** A staging folder that cannot be deleted is left behind with a warning; it never stops the database from opening. */
    private static void deleteStagingQuietly(Path staging) {
        try {
            deleteTree(staging);
        } catch (UncheckedIOException e) {
            LOG.warn("cannot delete the staging folder {}: {}", staging, e.getMessage());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else if (!source.getFileName().toString().endsWith(".lck")) {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }

    /**
     * Builds the template (run by the build, see {@code db-template/pom.xml}): {@code <folder> <changelog>...}, the
     * platform's changelog first. Every changelog is read from the class path and applied in one Liquibase run, exactly
     * as a start applies them; then Derby is shut down so that the folder can be copied.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: DerbyTemplate <folder> <changelog>...");
        }
        // Liquibase reports every changeSet through java.util.logging; the build needs its warnings only
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Path folder = Paths.get(args[0]).toAbsolutePath();
        deleteTree(folder);
        Files.createDirectories(folder.getParent());
        List<LiquibaseMigrator.Changelog> changelogs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            changelogs.add(new LiquibaseMigrator.Changelog(args[i], DerbyTemplate.class.getClassLoader()));
        }
        String url = "jdbc:derby:" + folder;
        Driver driver = DriverManager.getDriver(url);
        ThreadBoundDatabase database = new ThreadBoundDatabase(new DriverDataSource(driver, url, null, null, Dialect.DERBY), Dialect.DERBY,
                new LiquibaseMigrator());
        database.migrateTogether(changelogs);
        try {
            DriverManager.getConnection(url + ";shutdown=true");
        } catch (SQLException expected) {
            // Derby answers a clean shutdown with SQLState 08006
            if (!"08006".equals(expected.getSQLState())) {
                throw expected;
            }
        }
        if (!Files.isRegularFile(folder.resolve(DERBY_MARKER))) {
            throw new IllegalStateException("no Derby database was written to " + folder);
        }
        System.out.println("Derby template with " + changelogs.size() + " changelogs written to " + folder);
    }
}
