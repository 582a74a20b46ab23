package io.clientele.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Karaf runtime unpacked from a tar.gz into a fresh folder, on free ports, started with {@code bin/start}
 * and stopped with {@code bin/stop}. While it runs, {@code jstat -gc} samples its heap.
 */
final class Instance {

    final Path home;
    final int httpPort;
    final int sshPort;
    final int rmiRegistryPort;
    final int rmiServerPort;
    final Map<String, String> env = new HashMap<>();
    private long pid = -1;
    private Process jstat;
    private volatile long peakUsedKb;
    private volatile long peakCommittedKb;

    private Instance(Path home, int httpPort, int sshPort, int rmiRegistryPort, int rmiServerPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.sshPort = sshPort;
        this.rmiRegistryPort = rmiRegistryPort;
        this.rmiServerPort = rmiServerPort;
    }

    /** Karaf's JMX connector (realm karaf, the same users as SSH). */
    String jmxUrl() {
        return "service:jmx:rmi://127.0.0.1:" + rmiServerPort + "/jndi/rmi://127.0.0.1:" + rmiRegistryPort + "/karaf-root";
    }

    /** Unpacks the archive into a new temporary folder and gives the runtime free ports. */
    static Instance unpack(Path archive, Path workRoot) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(workRoot, "run-");
        exec(dir, List.of("tar", "xzf", archive.toAbsolutePath().toString()), Map.of());
        Path home;
        try (Stream<Path> s = Files.list(dir)) {
            home = s.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IOException("empty archive " + archive));
        }
        Instance instance = new Instance(home, freePort(), freePort(), freePort(), freePort());
        instance.setProperty("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(instance.sshPort));
        instance.setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(instance.rmiRegistryPort));
        instance.setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(instance.rmiServerPort));
        instance.env.put("CLIENTELE_HTTP_PORT", Integer.toString(instance.httpPort));
        return instance;
    }

    private void setProperty(String file, String key, String value) throws IOException {
        Path p = home.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(p, StandardCharsets.ISO_8859_1));
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*" + key + "\\s*=.*")) {
                lines.set(i, key + " = " + value);
                found = true;
            }
        }
        if (!found) {
            lines.add(key + " = " + value);
        }
        Files.write(p, lines, StandardCharsets.ISO_8859_1);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs bin/start; returns once the script returned (the runtime goes on starting in the background). */
    void start() throws IOException, InterruptedException {
        exec(home, List.of(home.resolve("bin/start").toString()), env);
    }

    /** The runtime's process id, from the pid file Karaf writes. */
    long pid() throws IOException, InterruptedException {
        if (pid > 0) {
            return pid;
        }
        Path file = home.resolve("karaf.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String text = Files.readString(file).trim();
                if (!text.isEmpty()) {
                    pid = Long.parseLong(text);
                    return pid;
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("no karaf.pid under " + home);
    }

    /**
     * Whether Karaf's SSH server answers on {@code port}: its {@code SSH-2.0} banner, not only an accepted connection
     * (a port chosen free can meanwhile be taken by another process on a shared machine, which once made a bare start
     * look 0.5 s long).
     */
    static boolean answersSsh(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(2000);
            byte[] banner = s.getInputStream().readNBytes(4);
            return new String(banner, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (IOException e) {
            return false;
        }
    }

    /** Samples the heap every 2 s with jstat -gc, keeping the peaks. */
    void monitorHeap() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("jstat", "-gc", Long.toString(pid()), "2000");
        pb.redirectErrorStream(true);
        jstat = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                String[] header = null;
                String line;
                while ((line = r.readLine()) != null) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 0 && f[0].equals("S0C")) {
                        header = f;
                        continue;
                    }
                    if (header == null || f.length != header.length) {
                        continue;
                    }
                    double used = 0;
                    double committed = 0;
                    for (int i = 0; i < header.length; i++) {
                        switch (header[i]) {
                            case "S0U", "S1U", "EU", "OU" -> used += Double.parseDouble(f[i]);
                            case "S0C", "S1C", "EC", "OC" -> committed += Double.parseDouble(f[i]);
                            default -> { }
                        }
                    }
                    peakUsedKb = Math.max(peakUsedKb, (long) used);
                    peakCommittedKb = Math.max(peakCommittedKb, (long) committed);
                }
            } catch (IOException | NumberFormatException ignored) {
                // jstat ended with the runtime
            }
        }, "jstat-" + pid);
        reader.setDaemon(true);
        reader.start();
    }

    long peakUsedKb() {
        return peakUsedKb;
    }

    long peakCommittedKb() {
        return peakCommittedKb;
    }

    /** The runtime JVM's maximum heap in MB (its MaxHeapSize flag, read with jcmd), -1 when unknown. */
    long maxHeapMb() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid()), "VM.flags").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("MaxHeapSize=(\\d+)").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) / (1024 * 1024) : -1;
    }

    /** bin/stop, then waits for the process to end (killed after 60 s). */
    void stop() throws IOException, InterruptedException {
        long p = pid();
        exec(home, List.of(home.resolve("bin/stop").toString()), env);
        ProcessHandle handle = ProcessHandle.of(p).orElse(null);
        if (handle != null) {
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
                handle.onExit().join();
            }
        }
        if (jstat != null) {
            jstat.destroy();
            jstat.waitFor(5, TimeUnit.SECONDS);
            jstat = null;
        }
        pid = -1;
        Files.deleteIfExists(home.resolve("karaf.pid"));
    }

    String log() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Waits until karaf.log contains the text; false on timeout. */
    boolean awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    static void exec(Path dir, List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("bench-commands.log").toFile()));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("failed (" + p.exitValue() + "): " + command + " in " + dir);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
