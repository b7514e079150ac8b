package org.infinergi.platform.internal;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Two linked pseudo-terminals made by socat (installed by test.sh when missing), as the Modbus bus's RTU tests make
 * them: what one end writes the other reads, as on the wires of a UART; each end keeps the termios settings (speed,
 * data bits, parity, stop bits) its opener set.
 */
final class PtyPair implements AutoCloseable {

    /** The end the firmware opens as its UART. */
    final Path uart;
    /** The end the peripheral (the test) sits on. */
    final Path peer;
    private final Process socat;
    private final Path dir;

    PtyPair() throws IOException {
        dir = Files.createTempDirectory("infinergi-uart");
        uart = dir.resolve("uart");
        peer = dir.resolve("peer");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + uart, "pty,raw,echo=0,link=" + peer)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(uart) && Files.exists(peer));
    }

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socat.destroy();
        try {
            socat.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(uart);
        Files.deleteIfExists(peer);
        Files.deleteIfExists(dir);
    }
}
