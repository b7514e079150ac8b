package org.infinergi.driver.rfid.pn532.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.sim.hw.SimBoard;
import org.infinergi.sim.internal.rfid.SimRfidComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The driver component on its own thread with the sim images' reader component: the simulated PN532 is wired where
 * the driver opens its UART (no PID shared), and swipes through {@code POST /api/sim/card}'s code path are read,
 * the same card swiped twice giving two reads.
 */
class OnTheSimulatedChargerTest {

    private final SimBoard board = new SimBoard();
    private final SimRfidComponent sim = new SimRfidComponent(board.context());
    private final List<String> cards = new CopyOnWriteArrayList<>();
    private final Pn532Reader reader = new Pn532Reader(board.context(),
            Map.<String, Object>of("device", "/dev/ttyAMA3", "pollMs", 20));

    @AfterEach
    void close() {
        reader.deactivate();
        board.close();
    }

    @Test
    void theSimulatedReaderIsWhereTheDriverOpens_andEverySwipeIsOneRead() {
        reader.listeners.add(cards::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(sim.state().get("readerOpen")));
        assertEquals("/dev/ttyAMA3", sim.state().get("device"));
        assertEquals("PN532", sim.state().get("module"));

        sim.present("11223344");
        await().atMost(Duration.ofSeconds(10)).until(() -> cards.equals(List.of("11223344")));
        sim.present("11223344"); // at once: the simulated hand moves away and back
        await().atMost(Duration.ofSeconds(10)).until(() -> cards.size() == 2);
        sim.present("04A2B3C4D5E680");
        await().atMost(Duration.ofSeconds(10)).until(() -> cards.size() == 3);
        assertEquals(List.of("11223344", "11223344", "04A2B3C4D5E680"), cards);
        assertTrue(reader.responding());
    }
}
