package org.infinergi.driver.rfid.pn532.internal;

import java.time.Clock;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import com.pi4j.context.Context;
import com.pi4j.io.serial.Serial;

import org.infinergi.core.charging.hal.CardListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of the reader thread: open the UART if it is not (at most every {@code reopenMs}), bring the PN532 up
 * (HSU wake-up, SAMConfiguration, GetFirmwareVersion to know it is a PN532, MaxRetries), then one card detection
 * (InListPassiveTarget, one target) per step; a new presentation goes to every {@link CardListener}. Never throws:
 * a missing or silent reader is a state, logged once per episode, retried, and after {@code noAnswerMs} without an
 * answer {@link #responding()} turns false (manual §9.1 D3, raised by the core). One thread calls {@link #poll()}.
 */
final class ReaderLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderLoop.class);
    static final String IO_ID = "infinergi-rfid-pn532";
    /** Tries that must fail, besides the no-answer time, before the reader counts as silent. */
    static final int FAILED_TRIES = 3;

    private final Context pi4j;
    private final Pn532Config config;
    private final Clock clock;
    private final LongConsumer pause;
    private final Supplier<List<CardListener>> listeners;
    private final Debouncer debouncer;

    private Serial port;
    private Pn532Link link;
    private boolean ready;
    private long nextOpenMs = Long.MIN_VALUE;
    private long lastAnswerMs;
    private int failedTries;
    private String lastFailure;
    private volatile boolean responding = true;
    private volatile String firmware;
    private int cards;

    ReaderLoop(Context pi4j, Pn532Config config, Clock clock, LongConsumer pause,
            Supplier<List<CardListener>> listeners) {
        this.pi4j = pi4j;
        this.config = config;
        this.clock = clock;
        this.pause = pause;
        this.listeners = listeners;
        this.debouncer = new Debouncer(config.removalPolls());
        // The no-answer time runs from start-up: a reader that never answers is silent after noAnswerMs.
        this.lastAnswerMs = clock.millis();
    }

    void poll() {
        long now = clock.millis();
        if (port == null && !open(now)) {
            return;
        }
        try {
            if (!ready) {
                ready = start();
                return;
            }
            Pn532Link.Answer a = link.exchange(Pn532Commands.LIST_ONE_TYPE_A);
            if (!a.ok()) {
                ready = false; // the PN532 may have been reset: wake it up and configure it again
                failed("card detection: " + a.failure());
                return;
            }
            answered();
            Pn532Commands.Target t = Pn532Commands.target(a.data());
            if (t.failure() != null) {
                LOG.debug("RFID reader: card not read: {}", t.failure());
            } else if (debouncer.detected(t.uid())) {
                presented(t.uid());
            }
        } catch (RuntimeException e) {
            release();
            nextOpenMs = now + config.reopenMs();
            if (Thread.currentThread().isInterrupted()) {
                return; // deactivation stopped a wait for an answer
            }
            failed("serial port " + config.device() + " failed: " + e.getMessage());
        }
    }

    private boolean open(long now) {
        if (now < nextOpenMs) {
            return false;
        }
        try {
            Serial s = pi4j.create(Serial.newConfigBuilder(pi4j).id(IO_ID).name("RFID reader (PN532)")
                    .device(config.device()).baud(config.baud()).dataBits_8().parityNone().stopBits_1().flowNone());
            port = s;
            if (!s.isOpen()) {
                s.open();
            }
            link = new Pn532Link(s, clock, pause, config.answerTimeoutMs());
            ready = false;
            return true;
        } catch (RuntimeException e) {
            release();
            nextOpenMs = now + config.reopenMs();
            failed("cannot open " + config.device() + ": " + e.getMessage());
            return false;
        }
    }

    /** Wakes the PN532 and configures it; answers whether it is a PN532 that answered every command. */
    private boolean start() {
        link.write(Pn532Frames.WAKE_UP);
        Pn532Link.Answer sam = link.exchange(Pn532Commands.SAM_NORMAL_MODE);
        if (!sam.ok()) {
            return failed("SAMConfiguration: " + sam.failure());
        }
        Pn532Link.Answer version = link.exchange(Pn532Commands.GET_FIRMWARE_VERSION);
        if (!version.ok()) {
            return failed("GetFirmwareVersion: " + version.failure());
        }
        String fw = Pn532Commands.firmware(version.data());
        if (fw == null) {
            return failed("GetFirmwareVersion: not a PN532 (" + Pn532Frames.hex(version.data()) + ")");
        }
        Pn532Link.Answer retries = link.exchange(Pn532Commands.MAX_RETRIES);
        if (!retries.ok()) {
            return failed("RFConfiguration MaxRetries: " + retries.failure());
        }
        firmware = fw;
        LOG.info("RFID reader: {} on {} at {} baud", fw, config.device(), config.baud());
        answered();
        return true;
    }

    private void presented(String uid) {
        cards++;
        LOG.info("RFID card {} presented", uid);
        for (CardListener l : listeners.get()) {
            try {
                l.cardPresented(uid);
            } catch (RuntimeException ex) {
                LOG.warn("RFID card listener {} failed on card {}", l, uid, ex);
            }
        }
    }

    private void answered() {
        lastAnswerMs = clock.millis();
        failedTries = 0;
        lastFailure = null;
        if (!responding) {
            responding = true;
            LOG.info("RFID reader on {} answers again", config.device());
        }
    }

    /** Counts a failed try; the first of an episode is logged at WARN, and silence after noAnswerMs too. */
    private boolean failed(String why) {
        failedTries++;
        if (lastFailure == null && responding) {
            LOG.warn("RFID reader on {}: {}; retrying", config.device(), why);
        } else {
            LOG.debug("RFID reader on {}: {}", config.device(), why);
        }
        lastFailure = why;
        if (responding && failedTries >= FAILED_TRIES && clock.millis() - lastAnswerMs >= config.noAnswerMs()) {
            responding = false;
            LOG.warn("RFID reader on {} does not answer ({} ms, last: {}): internal hardware error D3",
                    config.device(), clock.millis() - lastAnswerMs, why);
        }
        return false;
    }

    /** False once the reader has not answered for noAnswerMs (and FAILED_TRIES tries); read by any thread. */
    boolean responding() {
        return responding;
    }

    /** "PN532 firmware 1.6" once the reader has answered GetFirmwareVersion, else null. */
    String firmware() {
        return firmware;
    }

    /** Presentations handed to the listeners so far. */
    int cards() {
        return cards;
    }

    /** Whether the UART is open now. */
    boolean portOpen() {
        return port != null;
    }

    /** Closes the UART and frees its pi4j id. */
    void release() {
        port = null;
        link = null;
        ready = false;
        try {
            if (pi4j.registry().exists(IO_ID)) {
                pi4j.shutdown(IO_ID);
            }
        } catch (RuntimeException e) {
            LOG.debug("RFID reader: closing {}: {}", config.device(), e.toString());
        }
    }
}
