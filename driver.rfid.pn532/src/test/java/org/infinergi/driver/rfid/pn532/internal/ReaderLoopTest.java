package org.infinergi.driver.rfid.pn532.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.hal.CardListener;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.sim.hw.SimBoard;
import org.infinergi.sim.hw.SimulatedPn532;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The driver's real code over pi4j's {@code Serial} of the simulated board, with the simulated PN532 at the far
 * end of the UART answering real frames: cards of 4, 7 and 10 bytes, one read per presentation, a silent reader
 * → not responding (D3) after the no-answer time, and responding again once it answers. Waiting for an answer
 * moves the test's clock: nothing sleeps.
 */
class ReaderLoopTest {

    private static final String PORT = "/dev/serial0";

    private final SimBoard board = new SimBoard();
    private final SimulatedPn532 chip = new SimulatedPn532();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> cardsA = new CopyOnWriteArrayList<>();
    private final List<String> cardsB = new CopyOnWriteArrayList<>();
    private final List<CardListener> listeners = new CopyOnWriteArrayList<>(List.of(cardsA::add, cardsB::add));
    private final Pn532Config config = Defaults.of(Pn532Config.class);
    private final ReaderLoop loop = new ReaderLoop(board.context(), config, clock, clock::advanceMillis,
            () -> listeners);

    @AfterEach
    void close() {
        loop.release();
        board.close();
    }

    /** One poll period later, one step of the reader thread. */
    private void step() {
        clock.advanceMillis(config.pollMs());
        loop.poll();
    }

    private void steps(int n) {
        for (int i = 0; i < n; i++) {
            step();
        }
    }

    private void started() {
        board.serial().attach(PORT, chip);
        step();
        assertEquals("PN532 firmware 1.6", loop.firmware(), "GetFirmwareVersion detects the reader");
    }

    @Test
    void startsThePn532_thenDetectsCardsOf4_7And10Bytes() {
        started();
        for (String uid : List.of("01020304", "04A1B2C3D4E5F6", "0102030405060708090A")) {
            chip.present(uid);
            steps(SimulatedPn532.DETECTIONS_PER_SWIPE + config.removalPolls());
        }
        assertEquals(List.of("01020304", "04A1B2C3D4E5F6", "0102030405060708090A"), cardsA);
        assertEquals(cardsA, cardsB, "every listener gets every card");
        assertTrue(loop.responding());
    }

    @Test
    void aCardHeldOnTheReaderIsOneRead_removedAndPresentedAgainIsANewRead() {
        started();
        chip.hold("04A1B2C3D4E5F6");
        steps(50); // 10 s on the reader
        assertEquals(List.of("04A1B2C3D4E5F6"), cardsA);
        chip.remove();
        steps(config.removalPolls());
        chip.hold("04A1B2C3D4E5F6");
        steps(3);
        assertEquals(List.of("04A1B2C3D4E5F6", "04A1B2C3D4E5F6"), cardsA);
    }

    @Test
    void aCardMissedByFewerDetectionsThanTheRemovalCountIsStillTheSameRead() {
        started();
        chip.hold("01020304");
        steps(3);
        chip.remove();
        steps(config.removalPolls() - 1); // at the edge of the field: one detection did not see it
        chip.hold("01020304");
        steps(3);
        assertEquals(List.of("01020304"), cardsA);
    }

    @Test
    void twoSwipesOfTheSameCard_evenInQuickSuccession_areTwoReads_andPollingLateChangesNothing() {
        started();
        chip.present("04A1B2C3D4E5F6");
        step();
        chip.present("04A1B2C3D4E5F6"); // the user swipes again at once
        for (int i = 0; i < 12; i++) {
            clock.advanceMillis(5_000); // the reader thread runs late: counted in detections, not in time
            loop.poll();
        }
        assertEquals(List.of("04A1B2C3D4E5F6", "04A1B2C3D4E5F6"), cardsA);
    }

    @Test
    void aReaderThatDoesNotAnswer_isNotRespondingAfterTheNoAnswerTime_andRespondsAgainWhenItAnswers() {
        started();
        chip.silent(true);
        step();
        assertTrue(loop.responding(), "one missed answer is not a fault");
        steps((int) (config.noAnswerMs() / config.pollMs()) + 1);
        assertFalse(loop.responding(), "silent for the no-answer time: D3");
        chip.silent(false); // powered up again: asleep until the driver wakes it up
        step();
        assertTrue(loop.responding(), "answers again after the HSU wake-up and SAMConfiguration");
        chip.present("01020304");
        steps(3);
        assertEquals(List.of("01020304"), cardsA);
    }

    @Test
    void aReaderThatNeverAnswers_isNotResponding() {
        board.serial().attach(PORT, chip);
        chip.silent(true);
        steps((int) (config.noAnswerMs() / config.pollMs()) + 1);
        assertFalse(loop.responding());
        assertNull(loop.firmware());
    }

    @Test
    void aMissingSerialDeviceIsRetried_andCountsAsNoAnswer() {
        steps(3);
        assertFalse(loop.portOpen());
        assertTrue(loop.responding(), "not yet the no-answer time");
        clock.advanceMillis(config.noAnswerMs());
        steps((int) (config.reopenMs() / config.pollMs()) + 1);
        assertFalse(loop.responding(), "no device for the no-answer time: D3");
        board.serial().attach(PORT, chip);
        steps((int) (config.reopenMs() / config.pollMs()) + 1);
        assertTrue(loop.portOpen());
        assertTrue(loop.responding(), "the reader appeared and answered");
    }

    @Test
    void aFailingListenerDoesNotKeepTheCardFromTheOthers() {
        listeners.add(0, uid -> {
            throw new IllegalStateException("listener bug");
        });
        started();
        chip.present("01020304");
        steps(3);
        assertEquals(List.of("01020304"), cardsA);
        assertEquals(List.of("01020304"), cardsB);
    }

    @Test
    void theComponentActivatesWithoutItsDevice_readsOnItsOwnThread_andSaysWhetherTheReaderAnswers() {
        Pn532Reader reader = new Pn532Reader(board.context(),
                Map.<String, Object>of("reopenMs", 100, "pollMs", 20));
        try {
            reader.listeners.add(cardsA::add);
            assertEquals("PN532 on " + PORT, reader.description());
            board.serial().attach(PORT, chip);
            await().atMost(Duration.ofSeconds(5)).until(() -> chip.detections() > 0);
            assertEquals("PN532 firmware 1.6 on " + PORT, reader.description());
            chip.hold("04A1B2C3D4E5F6");
            await().atMost(Duration.ofSeconds(5)).until(() -> cardsA.equals(List.of("04A1B2C3D4E5F6")));
            assertTrue(reader.responding());
        } finally {
            reader.deactivate();
        }
        assertFalse(board.context().registry().exists(ReaderLoop.IO_ID), "deactivation frees the UART");
    }

    @Test
    void anEmptyValueIsNamedAndTheReaderStillReadsOnTheFactoryUart() {
        // Issue 15: "device =" stopped the reader with no word in the status; "baud =" failed it naming no key.
        Pn532Reader reader = new Pn532Reader(board.context(),
                Map.<String, Object>of("device", " ", "baud", "", "pollMs", "20"));
        try {
            assertEquals(List.of("baud", "device"), reader.rejections().stream().map(r -> r.key()).toList());
            assertEquals(Pn532Config.PID, reader.rejections().get(0).pid());
            assertEquals("PN532 on " + PORT, reader.description());
        } finally {
            reader.deactivate();
        }
    }
}
