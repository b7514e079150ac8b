package org.infinergi.driver.rfid.pn532.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.pi4j.context.Context;

import org.infinergi.core.charging.testing.DataArea;
import org.infinergi.platform.internal.BoardPlatform;
import org.infinergi.sim.hw.SimulatedPn532;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The reader as on a -DR board: the driver component on the pi4j context the board's platform registers (its UART
 * provider, jSerialComm) opens one end of a pseudo-terminal pair as its UART; on the other end the sim's PN532
 * answers real frames. Without a serial provider in the board's context the reader never opened its UART (D3 at boot).
 */
class OnTheBoardUartTest {

    private final SimulatedPn532 chip = new SimulatedPn532();
    private final List<String> cards = new CopyOnWriteArrayList<>();
    private final AtomicReference<Context> boardContext = new AtomicReference<>();

    @TempDir
    Path platformData;
    @TempDir
    Path readerData;

    private PtyPair pty;
    private ChipOnTheLine line;
    private Pn532Reader reader;

    @BeforeEach
    void board() throws IOException {
        assumeTrue(PtyPair.available(), "socat is installed by test.sh");
        pty = new PtyPair();
        line = new ChipOnTheLine(pty.peer, chip);
        new BoardPlatform(Map.of(), platformBundle());
    }

    @AfterEach
    void close() throws IOException {
        if (reader != null) {
            reader.deactivate();
        }
        if (boardContext.get() != null) {
            boardContext.get().shutdown(); // what the platform's deactivation does (package-private there)
        }
        if (line != null) {
            line.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    @Test
    void theReaderStartsThePn532OnTheBoardsUart_andReadsASwipedCard() {
        reader = new Pn532Reader(boardContext.get(), Map.<String, Object>of("device", pty.uart.toString(),
                "pollMs", 20), DataArea.in(readerData));
        reader.listeners.add(cards::add);

        await().atMost(Duration.ofSeconds(10)).until(() -> chip.detections() > 0);
        assertEquals("PN532 firmware 1.6 on " + pty.uart, reader.description());
        chip.present("04A1B2C3D4E5F6");
        await().atMost(Duration.ofSeconds(10)).until(() -> cards.equals(List.of("04A1B2C3D4E5F6")));
        assertTrue(reader.responding());
    }

    /** The platform bundle: its data area, and the registry that receives the board's context. */
    private BundleContext platformBundle() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (p, m, args) -> {
                    if (m.getName().equals("unregister")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, m, args) -> {
                    if (m.getName().equals("getDataFile")) {
                        return platformData.resolve((String) args[0]).toFile();
                    }
                    if (m.getName().equals("registerService") && args[0] == Context.class) {
                        boardContext.set((Context) args[1]);
                        return registration;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    /**
     * The simulated PN532 wired to the peripheral's end of the line: what the driver sends reaches the chip, what the
     * chip answers goes back down the line. Two threads, as a UART is two wires: one blocks reading the line, one
     * carries the chip's answers.
     */
    private static final class ChipOnTheLine implements AutoCloseable {

        private final FileInputStream in;
        private final FileOutputStream out;
        private final Thread rx;
        private volatile boolean running = true;

        ChipOnTheLine(Path end, SimulatedPn532 chip) throws IOException {
            in = new FileInputStream(end.toFile());
            out = new FileOutputStream(end.toFile());
            chip.opened();
            // The chip only ever answers a frame it received: its answer goes back on the line at once.
            rx = new Thread(() -> {
                byte[] buffer = new byte[64];
                byte[] answer = new byte[64];
                try {
                    int n;
                    while (running && (n = in.read(buffer)) >= 0) {
                        chip.received(buffer, 0, n);
                        for (int m; (m = chip.read(answer, 0, answer.length)) > 0;) {
                            out.write(answer, 0, m);
                        }
                        out.flush();
                    }
                } catch (IOException e) {
                    // the line closed
                }
            }, "pn532-line");
            rx.setDaemon(true);
            rx.start();
        }

        @Override
        public void close() throws IOException {
            running = false;
            out.close();
            in.close(); // the reading thread ends when socat closes the line
        }
    }
}
