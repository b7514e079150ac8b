package org.infinergi.driver.rfid.internal;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import com.pi4j.context.Context;
import com.pi4j.io.serial.Serial;

import org.infinergi.core.charging.hal.CardListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of the reader thread: open the UART if it is not (at most every {@code reopenMs}), read what is there,
 * turn good frames into presentations and hand each to every {@link CardListener}. Never throws: a missing or failing
 * device is a state, logged once per episode, retried. Called by one thread at a time.
 */
final class ReaderLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderLoop.class);
    static final String IO_ID = "infinergi-rfid-reader";

    private final Context pi4j;
    private final RfidConfig config;
    private final Clock clock;
    private final Supplier<List<CardListener>> listeners;
    private final FrameParser parser;
    private final Debouncer debouncer;
    private final byte[] buffer = new byte[256];

    private Serial port;
    private long nextOpenMs = Long.MIN_VALUE;
    private boolean portFailing;
    private boolean dropping;
    private int cards;
    private int dropped;

    ReaderLoop(Context pi4j, RfidConfig config, Clock clock, Supplier<List<CardListener>> listeners) {
        this.pi4j = pi4j;
        this.config = config;
        this.clock = clock;
        this.listeners = listeners;
        this.parser = new FrameParser(config.frameTimeoutMs());
        this.debouncer = new Debouncer(config.debounceMs());
    }

    void poll() {
        long now = clock.millis();
        if (port == null && !open(now)) {
            return;
        }
        try {
            int guard = 64; // bounded work per step, even if a broken device always says "available"
            while (guard-- > 0 && port.available() > 0) {
                int n = port.read(buffer, 0, buffer.length);
                if (n <= 0) {
                    break;
                }
                for (FrameParser.Event e : parser.feed(buffer, n, now)) {
                    handle(e, now);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("RFID reader: reading {} failed ({}); reopening in {} ms", config.device(), e.toString(),
                    config.reopenMs());
            portFailing = true;
            release();
            nextOpenMs = now + config.reopenMs();
        }
    }

    private boolean open(long now) {
        if (now < nextOpenMs) {
            return false;
        }
        try {
            Serial s = pi4j.create(Serial.newConfigBuilder(pi4j).id(IO_ID).name("RFID reader").device(config.device())
                    .baud(config.baud()).dataBits_8().parityNone().stopBits_1().flowNone());
            port = s;
            if (!s.isOpen()) {
                s.open();
            }
            LOG.info("RFID reader on {} at {} baud{}", config.device(), config.baud(), portFailing ? " (again)" : "");
            portFailing = false;
            return true;
        } catch (RuntimeException e) {
            release();
            nextOpenMs = now + config.reopenMs();
            if (!portFailing) {
                LOG.warn("RFID reader: cannot open {} ({}); retrying every {} ms", config.device(), e.getMessage(),
                        config.reopenMs());
                portFailing = true;
            } else {
                LOG.debug("RFID reader: {} still cannot be opened: {}", config.device(), e.getMessage());
            }
            return false;
        }
    }

    private void handle(FrameParser.Event e, long now) {
        if (e instanceof FrameParser.Dropped d) {
            dropped++;
            // Once per episode (a card moved out of the field mid-frame, line noise): the next good frame ends it.
            if (!dropping) {
                LOG.info("RFID reader: dropped data on {}: {} (further drops logged at debug until the next good frame)",
                        config.device(), d.reason());
                dropping = true;
            } else {
                LOG.debug("RFID reader: dropped data: {}", d.reason());
            }
            return;
        }
        String uid = ((FrameParser.Card) e).uid();
        dropping = false;
        if (!debouncer.newPresentation(uid, now)) {
            return;
        }
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

    /** Whether the UART is open now. */
    boolean portOpen() {
        return port != null;
    }

    /** Presentations handed to the listeners so far. */
    int cards() {
        return cards;
    }

    /** Dropped pieces of the stream so far (each one a reason). */
    int dropped() {
        return dropped;
    }

    /** Closes the UART and frees its pi4j id. */
    void release() {
        port = null;
        try {
            if (pi4j.registry().exists(IO_ID)) {
                pi4j.shutdown(IO_ID);
            }
        } catch (RuntimeException e) {
            LOG.debug("RFID reader: closing {}: {}", config.device(), e.toString());
        }
    }
}
