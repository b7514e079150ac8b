package org.infinergi.driver.rfid.pn532.internal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

import com.pi4j.io.serial.Serial;

import org.infinergi.driver.rfid.pn532.internal.Pn532Frames.Ack;
import org.infinergi.driver.rfid.pn532.internal.Pn532Frames.Bad;
import org.infinergi.driver.rfid.pn532.internal.Pn532Frames.ErrorFrame;
import org.infinergi.driver.rfid.pn532.internal.Pn532Frames.Frame;
import org.infinergi.driver.rfid.pn532.internal.Pn532Frames.Nack;
import org.infinergi.driver.rfid.pn532.internal.Pn532Frames.Response;

/**
 * One command and its answer on the PN532's UART (UM0701-02 §6.2.2): the host sends an information frame, the
 * PN532 sends ACK, then its response frame whose code is the command's + 1. Waiting polls the port (pi4j reads do
 * not block) and pauses between polls; how the pause passes is injected so tests move a clock instead of sleeping.
 */
final class Pn532Link {

    /** The answer to one command: the response's data after its code, or why there is none. */
    record Answer(byte[] data, String failure) {

        static Answer failed(String why) {
            return new Answer(null, why);
        }

        boolean ok() {
            return failure == null;
        }
    }

    private static final long PAUSE_MS = 2;

    private final Serial port;
    private final Clock clock;
    private final LongConsumer pause;
    private final long timeoutMs;
    private final Pn532Frames.Decoder decoder = new Pn532Frames.Decoder();
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private final byte[] buffer = new byte[64];

    Pn532Link(Serial port, Clock clock, LongConsumer pause, long timeoutMs) {
        this.port = port;
        this.clock = clock;
        this.pause = pause;
        this.timeoutMs = timeoutMs;
    }

    /** Writes raw bytes (the HSU wake-up preamble). */
    void write(byte[] raw) {
        port.write(raw, 0, raw.length);
    }

    /**
     * Sends {@code command} (code first) and waits for ACK then the response, each within the timeout.
     * A serial port that throws is not an answer: the exception goes to the caller, who reopens the port.
     */
    Answer exchange(byte... command) {
        drain();
        decoder.clear();
        frames.clear();
        write(Pn532Frames.command(command));
        String noAck = expect("ACK", Ack.class::isInstance);
        if (noAck != null) {
            return Answer.failed(noAck);
        }
        Frame[] got = new Frame[1];
        String noResponse = expect("response", f -> (got[0] = f) instanceof Response);
        if (noResponse != null) {
            return Answer.failed(noResponse);
        }
        byte[] data = ((Response) got[0]).data();
        int want = (command[0] + 1) & 0xFF;
        if (data.length == 0 || (data[0] & 0xFF) != want) {
            return Answer.failed(String.format(Locale.ROOT, "response %s to command %02X", Pn532Frames.hex(data),
                    command[0] & 0xFF));
        }
        return new Answer(Arrays.copyOfRange(data, 1, data.length), null);
    }

    /** Waits for a frame {@code wanted} accepts; answers null, or why not (timeout, NACK, error or bad frame). */
    private String expect(String what, Predicate<Frame> wanted) {
        long deadline = clock.millis() + timeoutMs;
        while (true) {
            Frame f = frames.poll();
            if (f != null) {
                if (wanted.test(f)) {
                    return null;
                }
                return describe(f, what);
            }
            if (!receive()) {
                if (clock.millis() >= deadline) {
                    return "no " + what + " within " + timeoutMs + " ms";
                }
                pause.accept(PAUSE_MS);
            }
        }
    }

    private static String describe(Frame f, String what) {
        if (f instanceof Nack) {
            return "NACK instead of " + what;
        }
        if (f instanceof ErrorFrame) {
            return "error frame (syntax error) instead of " + what;
        }
        if (f instanceof Bad b) {
            return b.reason() + " instead of " + what;
        }
        return f + " instead of " + what;
    }

    /** Reads what is there into frames; answers whether anything was read. */
    private boolean receive() {
        if (port.available() <= 0) {
            return false;
        }
        int n = port.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        frames.addAll(decoder.feed(buffer, 0, n));
        return true;
    }

    /** Drops what the PN532 sent unasked (the rest of an answer that came too late). */
    private void drain() {
        int guard = 16;
        while (guard-- > 0 && port.available() > 0 && port.read(buffer, 0, buffer.length) > 0) {
            // discarded
        }
    }
}
