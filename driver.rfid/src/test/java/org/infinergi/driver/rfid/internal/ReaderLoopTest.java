package org.infinergi.driver.rfid.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.hal.CardListener;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.sim.hw.SimBoard;
import org.infinergi.sim.hw.SimulatedSerialDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The driver's reading over pi4j's {@code Serial} of the simulated board, with a fake byte stream at the far end of
 * the UART: cards reach every listener once per swipe, bad data never does, a missing or failing device is retried.
 */
class ReaderLoopTest {

    private static final String PORT = "/dev/serial0";

    /** The far end of the UART: bytes queued by the test. */
    static final class ByteStream implements SimulatedSerialDevice {
        final ArrayDeque<Byte> out = new ArrayDeque<>();
        volatile boolean broken;

        synchronized void send(byte[] bytes) {
            for (byte b : bytes) {
                out.add(b);
            }
        }

        @Override
        public synchronized int available() {
            if (broken) {
                throw new IllegalStateException("Input/output error");
            }
            return out.size();
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length && !out.isEmpty()) {
                buffer[offset + n++] = out.poll();
            }
            return n;
        }

        @Override
        public void received(byte[] data, int offset, int length) {
        }
    }

    private final SimBoard board = new SimBoard();
    private final ByteStream stream = new ByteStream();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> cardsA = new CopyOnWriteArrayList<>();
    private final List<String> cardsB = new CopyOnWriteArrayList<>();
    private final List<CardListener> listeners = new CopyOnWriteArrayList<>(List.of(cardsA::add, cardsB::add));
    private final RfidConfig config = Defaults.of(RfidConfig.class);
    private final ReaderLoop loop = new ReaderLoop(board.context(), config, clock, () -> listeners);

    @AfterEach
    void close() {
        loop.release();
        board.close();
    }

    private void step(long ms) {
        clock.advanceMillis(ms);
        loop.poll();
    }

    @Test
    void aHeldCardReachesEveryListenerOnce() {
        board.serial().attach(PORT, stream);
        step(0);
        assertTrue(loop.portOpen());
        for (int i = 0; i < 20; i++) { // the module repeats the frame while the card is held: 2 s
            stream.send(FrameParserTest.frame("04A2B3C4"));
            step(100);
        }
        assertEquals(List.of("04A2B3C4"), cardsA);
        assertEquals(List.of("04A2B3C4"), cardsB);

        step(2000); // card taken away, swiped again
        stream.send(FrameParserTest.frame("04A2B3C4"));
        step(50);
        assertEquals(List.of("04A2B3C4", "04A2B3C4"), cardsA);
    }

    @Test
    void badDataIsNeverACard() {
        board.serial().attach(PORT, stream);
        step(0);
        stream.send(FrameParserTest.ascii("\u000204A2B3C4D2\u0003")); // bad checksum
        stream.send(FrameParserTest.ascii("noise\u0003\u0002ZZZZ")); // garbage, then a frame that never ends
        step(50);
        step(1000);
        stream.send(FrameParserTest.ascii("\u0003"));
        step(50);
        assertEquals(List.of(), cardsA);
        assertTrue(loop.dropped() >= 3, "dropped " + loop.dropped());
        stream.send(FrameParserTest.frame("11223344"));
        step(50);
        assertEquals(List.of("11223344"), cardsA);
    }

    @Test
    void aFailingListenerDoesNotKeepTheCardFromTheOthers() {
        listeners.add(0, uid -> {
            throw new IllegalStateException("boom");
        });
        board.serial().attach(PORT, stream);
        step(0);
        stream.send(FrameParserTest.frame("04A2B3C4"));
        step(50);
        assertEquals(List.of("04A2B3C4"), cardsA);
        assertEquals(List.of("04A2B3C4"), cardsB);
    }

    @Test
    void aMissingDeviceIsRetriedEveryReopenPeriod() {
        step(0);
        assertFalse(loop.portOpen());
        board.serial().attach(PORT, stream);
        step(config.reopenMs() - 1);
        assertFalse(loop.portOpen(), "no new attempt before the reopen period");
        step(1);
        assertTrue(loop.portOpen());
        stream.send(FrameParserTest.frame("04A2B3C4"));
        step(50);
        assertEquals(List.of("04A2B3C4"), cardsA);
    }

    @Test
    void aDeviceThatFailsWhileReadingIsClosedAndReopened() {
        board.serial().attach(PORT, stream);
        step(0);
        stream.broken = true;
        step(50);
        assertFalse(loop.portOpen());
        stream.broken = false;
        step(config.reopenMs());
        assertTrue(loop.portOpen());
        stream.send(FrameParserTest.frame("04A2B3C4"));
        step(50);
        assertEquals(List.of("04A2B3C4"), cardsA);
    }

    @Test
    void theComponentActivatesWithoutItsDeviceAndReadsOnItsOwnThreadOnceItAppears() {
        RfidReader reader = new RfidReader(board.context(),
                Map.<String, Object>of("reopenMs", 100, "pollMs", 10));
        try {
            reader.listeners.add(cardsA::add);
            board.serial().attach(PORT, stream);
            await().atMost(Duration.ofSeconds(5)).until(() -> board.context().registry().exists(ReaderLoop.IO_ID));
            stream.send(FrameParserTest.frame("04A2B3C4"));
            await().atMost(Duration.ofSeconds(5)).until(() -> cardsA.equals(List.of("04A2B3C4")));
        } finally {
            reader.deactivate();
        }
        assertFalse(board.context().registry().exists(ReaderLoop.IO_ID), "deactivation frees the UART");
    }

    @Test
    void anEmptyDeviceIsNamedAndTheReaderStillReadsOnTheFactoryUart() {
        // Issue 15: "device =" stopped the reader with no word in the status; "baud =" failed it naming no key.
        RfidReader reader = new RfidReader(board.context(),
                Map.<String, Object>of("device", "", "baud", "", "reopenMs", "100", "pollMs", "10"));
        try {
            assertEquals(List.of("baud", "device"), reader.rejections().stream().map(r -> r.key()).toList());
            assertEquals(RfidConfig.PID, reader.rejections().get(0).pid());
            reader.listeners.add(cardsA::add);
            board.serial().attach(PORT, stream);
            await().atMost(Duration.ofSeconds(30)).until(() -> board.context().registry().exists(ReaderLoop.IO_ID));
            stream.send(FrameParserTest.frame("04A2B3C4"));
            await().atMost(Duration.ofSeconds(30)).until(() -> cardsA.equals(List.of("04A2B3C4")));
        } finally {
            reader.deactivate();
        }
    }
}
