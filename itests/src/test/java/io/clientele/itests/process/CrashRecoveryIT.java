package io.clientele.itests.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.Test;

/**
 * quality.md R4 with a real {@code kill -9}: the runtime is killed in the middle of a 100,000-row import, started
 * again with {@code bin/start} on the same data, and must come UP by itself however long embedded Derby's crash
 * recovery takes (it used to give up after two 10 s connection timeouts and stay DOWN for good), with none of the
 * killed import's rows written, and import again afterwards. The same runtime also shows the operator's SSH console
 * listening on loopback only.
 */
public class CrashRecoveryIT {

    private static final int ROWS = 100_000;

    /** The operator's SSH console (a full shell) answers on 127.0.0.1 and on no other address of this host. */
    private static void assertShellOnLoopbackOnly(int port) throws Exception {
        assertTrue("SSH console not listening on 127.0.0.1:" + port, accepts(java.net.InetAddress.getLoopbackAddress(), port));
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && nic.isUp()) {
                    assertTrue("the SSH console answers on " + address, !accepts(address, port));
                }
            }
        }
    }

    private static boolean accepts(java.net.InetAddress address, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(address, port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    public void killedDuringAnImportTheRuntimeComesBackUpWithNothingOfTheImportWritten() throws Exception {
        try (RunningDistribution platform = RunningDistribution.unpack()) {
            platform.start();
            System.out.println("first start UP in " + platform.awaitUp(Duration.ofMinutes(3)).toMillis() + " ms");
            String admin = platform.createAgency("crash");
            assertShellOnLoopbackOnly(platform.sshPort());

            StringBuilder csv = new StringBuilder("Name,Company name\r\n");
            for (int i = 0; i < ROWS; i++) {
                csv.append("Crash customer ").append(i).append(",Crash Company ").append(i).append(" Ltda\r\n");
            }
            byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
            CompletableFuture<Object> importing = CompletableFuture.supplyAsync(() -> {
                try {
                    return platform.upload("/v1/customers/import", admin, "customers.csv", file);
                } catch (AssertionError connectionLost) {
                    return connectionLost; // expected: the process dies under it
                }
            });
            Thread.sleep(10_000); // well into the import's transaction (it takes far longer than this for 100,000 rows)
            assertTrue("the import finished before it could be interrupted: " + (importing.isDone() ? importing.get() : ""),
                    !importing.isDone());
            platform.killHard();
            importing.join();

            platform.start();
            Duration recovered = platform.awaitUp(Duration.ofMinutes(5));
            System.out.println("UP again after kill -9 in " + recovered.toMillis() + " ms");

            String again = platform.login("crash", "admin@crash.test", "long enough passphrase for crash");
            RunningDistribution.Answer list = platform.json("GET", "/v1/customers?limit=5", again, null);
            assertEquals(list.body(), 200, list.status());
            assertEquals("the killed import left rows behind: " + list.body(), 0, list.json().path("items").size());

            RunningDistribution.Answer small = platform.upload("/v1/customers/import", again, "small.csv",
                    "Name,Company name\r\nAfter Crash,After Crash Ltda\r\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(small.body(), 200, small.status());
            RunningDistribution.Answer found = platform.json("GET", "/v1/customers?q=after%20crash", again, null);
            assertEquals(found.body(), 1, found.json().path("items").size());
        }
    }
}
