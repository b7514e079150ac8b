package org.infinergi.sim.internal.rfid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import com.pi4j.io.serial.Serial;

import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated reader on the simulated board's UART, its frames, and the card resource's validation. */
class SimRfidTest {

    private final SimBoard board = new SimBoard();
    private final SimRfidComponent rfid = new SimRfidComponent(board.context(), Defaults.of(ReaderPort.class));
    private final SimCardServlet servlet = new SimCardServlet(rfid);

    @AfterEach
    void close() {
        rfid.deactivate();
        board.close();
    }

    private Serial openPort(String device) {
        return board.context().create(Serial.newConfigBuilder(board.context()).id("test-uart").device(device)
                .use_9600_N81());
    }

    private static byte[] read(Serial port) {
        byte[] buf = new byte[port.available()];
        port.read(buf, 0, buf.length);
        return buf;
    }

    @Test
    void aFrameIsStxAsciiHexUidAsciiHexXorEtx() {
        // 04^A2^B3^C4 = 0xD1
        assertArrayEquals(("\u000204A2B3C4D1\u0003").getBytes(StandardCharsets.US_ASCII), ReaderFrame.of("04A2B3C4"));
        // The RDM6300 datasheet's example tag 62E3086CED: checksum 62^E3^08^6C^ED = 08
        assertArrayEquals(("\u000262E3086CED08\u0003").getBytes(StandardCharsets.US_ASCII), ReaderFrame.of("62E3086CED"));
    }

    @Test
    void aPresentedCardReachesTheDriversSerialPortThreeFramesInARow() {
        Serial port = openPort("/dev/serial0");
        Map<String, Object> r = rfid.present("04a2b3c4");
        assertEquals("04A2B3C4", r.get("uid"));
        assertEquals(true, r.get("readerOpen"));
        byte[] frame = ReaderFrame.of("04A2B3C4");
        byte[] got = read(port);
        assertEquals(3 * frame.length, got.length);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(frame, Arrays.copyOfRange(got, i * frame.length, (i + 1) * frame.length));
        }
        assertEquals(0, port.available());
    }

    @Test
    void withNoDriverListeningTheCardIsLost() {
        Map<String, Object> r = rfid.present("04A2B3C4");
        assertEquals(false, r.get("readerOpen"));
        Serial port = openPort("/dev/serial0");
        assertEquals(0, port.available());
        assertEquals(1, rfid.state().get("presentations"));
    }

    @Test
    void anotherDevicePathHasNoReader() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> openPort("/dev/ttyUSB0"));
        assertTrue(String.valueOf(e.getMessage()).contains("/dev/ttyUSB0")
                || String.valueOf(e.getCause()).contains("/dev/ttyUSB0"), e.toString());
    }

    @Test
    void closingThePortTellsTheReader() {
        Serial port = openPort("/dev/serial0");
        assertEquals(true, rfid.state().get("readerOpen"));
        board.context().shutdown(port.id());
        assertEquals(false, rfid.state().get("readerOpen"));
    }

    @Test
    void malformedUidsAreRefusedNamingWhatIsWrong() {
        assertBadRequest("{\"uid\": \"04A2B3CZ\"}", "not hexadecimal");
        assertBadRequest("{\"uid\": \"04A2B3C\"}", "odd number");
        assertBadRequest("{\"uid\": \"04A2B3\"}", "3 bytes");
        assertBadRequest("{\"uid\": \"04A2B3C4D5E6F708091011\"}", "11 bytes");
        assertBadRequest("{\"uid\": 1234}", "must be a string");
        assertBadRequest("{}", "uid is missing");
        assertBadRequest("{\"uid\": \"\"}", "uid is missing");
        assertBadRequest("not json", "not valid JSON");
        assertBadRequest("[1]", "JSON object");
        assertEquals(0, rfid.state().get("presentations"));
    }

    @Test
    void aGoodUidIsPresented() {
        SimCardServlet.Answer a = servlet.post("{\"uid\": \"04A2B3C4D5E680\"}");
        assertEquals(200, a.status());
        assertEquals("04A2B3C4D5E680", a.body().get("uid"));
        assertEquals("04A2B3C4D5E680", rfid.state().get("lastUid"));
        assertFalse((Boolean) a.body().get("readerOpen"));
    }

    private void assertBadRequest(String body, String mentions) {
        SimCardServlet.Answer a = servlet.post(body);
        assertEquals(400, a.status(), body);
        String msg = a.body().get("error").toString();
        assertTrue(msg.contains(mentions), body + " → " + msg);
    }
}
