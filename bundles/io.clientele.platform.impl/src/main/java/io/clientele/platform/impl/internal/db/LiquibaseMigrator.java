package io.clientele.platform.impl.internal.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies bundles' Liquibase changelogs. Liquibase's lock table keeps several nodes from migrating at once. */
public class LiquibaseMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseMigrator.class);
    private static final String ALL_CHANGELOGS = "clientele-changelogs.xml";

    /** A bundle's changelog: its path on the bundle's class path, and the bundle's class loader. */
    public record Changelog(String path, ClassLoader loader) {
    }

    public void migrate(Connection connection, String changelogPath, ClassLoader loader) {
        run(connection, changelogPath, () -> new ClassLoaderResourceAccessor(loader));
        LOG.info("schema {} is up to date", changelogPath);
    }

    /**
     * Applies several bundles' changelogs, in the given order, in one Liquibase run (one lock, one read of the change
     * history) instead of one run each: at boot, for every changelog present. A changelog that includes each of them
     * is written to a temporary folder; each changeSet is recorded under its own changelog's path, exactly as
     * {@link #migrate} records it, so either way finds the other's work done.
     */
    public void migrateAll(Connection connection, List<Changelog> changelogs) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("clientele-changelogs");
            StringBuilder xml = new StringBuilder("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    """);
            for (Changelog changelog : changelogs) {
                if (!changelog.path().matches("[A-Za-z0-9_./-]+")) {
                    throw new IllegalArgumentException("not a changelog path: " + changelog.path());
                }
                xml.append("  <include file=\"").append(changelog.path()).append("\"/>\n");
            }
            xml.append("</databaseChangeLog>\n");
            Path all = folder;
            Files.writeString(all.resolve(ALL_CHANGELOGS), xml, StandardCharsets.UTF_8);
            run(connection, ALL_CHANGELOGS, () -> {
                List<ResourceAccessor> accessors = new ArrayList<>();
                accessors.add(new OnlyPath(ALL_CHANGELOGS, new DirectoryResourceAccessor(all)));
                for (Changelog changelog : changelogs) {
                    accessors.add(new OnlyPath(changelog.path(), new ClassLoaderResourceAccessor(changelog.loader())));
                }
                return new CompositeResourceAccessor(accessors);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the changelog of all changelogs: " + e.getMessage(), e);
        } finally {
            deleteQuietly(folder);
        }
        LOG.info("schemas {} are up to date", changelogs.stream().map(Changelog::path).collect(Collectors.joining(", ")));
    }

    /** Makes the resource accessors that find the changelogs, inside Liquibase's scope (their constructors use it). */
    private interface Changelogs {
        ResourceAccessor open() throws IOException;
    }

    private void run(Connection connection, String changelogPath, Changelogs changelogs) {
        Map<String, Object> scope = new HashMap<>();
        // Liquibase finds its own plugins (change types, databases, parsers, ...) with java.util.ServiceLoader in the
        // scope's class loader, and on the very first call in the thread's context class loader: its own bundle's,
        // which holds them all. The changelogs come from `changelogs`.
        scope.put(Scope.Attr.classLoader.name(), Liquibase.class.getClassLoader());
        // never report usage to Liquibase's servers (the platform may run offline, and it is the operator's data)
        scope.put("liquibase.analytics.enabled", Boolean.FALSE);
        scope.put("liquibase.showBanner", Boolean.FALSE);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Liquibase.class.getClassLoader());
        try {
            Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                @SuppressWarnings("deprecation")
                Liquibase liquibase = new Liquibase(changelogPath, changelogs.open(), database);
                liquibase.update(new Contexts(), new LabelExpression());
            });
        } catch (Exception e) {
            throw new IllegalStateException("migration " + changelogPath + " failed: " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", folder, e.getMessage());
        }
    }

    /**
     * Answers for one path only: each bundle's class loader is asked for its own changelog alone, so that loaders
     * that see each other's files (one flat class path, in tests) cannot make Liquibase find a changelog twice.
     */
    private static final class OnlyPath implements ResourceAccessor {
        private final String path;
        private final ResourceAccessor delegate;

        OnlyPath(String path, ResourceAccessor delegate) {
            this.path = path;
            this.delegate = delegate;
        }

        private boolean isMine(String requested) {
            String p = requested.startsWith("classpath:") ? requested.substring("classpath:".length()) : requested;
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            return path.equals(p);
        }

        @Override
        public List<Resource> search(String requested, boolean recursive) {
            return List.of();
        }

        @Override
        public List<Resource> getAll(String requested) throws IOException {
            return isMine(requested) ? delegate.getAll(requested) : List.of();
        }

        @Override
        public List<String> describeLocations() {
            return delegate.describeLocations();
        }

        @Override
        public void close() throws Exception {
            delegate.close();
        }
    }
}
