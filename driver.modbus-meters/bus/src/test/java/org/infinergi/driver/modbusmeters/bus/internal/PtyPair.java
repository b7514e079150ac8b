package org.infinergi.driver.modbusmeters.bus.internal;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Two linked pseudo-terminals made by socat (installed by test.sh when missing): what one end writes the other
 * reads, as on a serial line, with the termios settings (speed, parity, stop bits) each side's serial library sets.
 */
final class PtyPair implements AutoCloseable {

    final Path master;
    final Path slave;
    private final Process socat;
    private final Path dir;

    PtyPair() throws IOException {
        dir = Files.createTempDirectory("infinergi-pty");
        master = dir.resolve("bus");
        slave = dir.resolve("meter");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + master, "pty,raw,echo=0,link=" + slave)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(master) && Files.exists(slave));
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
        Files.deleteIfExists(master);
        Files.deleteIfExists(slave);
        Files.deleteIfExists(dir);
    }
}
