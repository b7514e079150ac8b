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

import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated reader on the simulated board's UART, its frames, and the card resource's validation. */
class SimRfidTest {

    private final SimBoard board = new SimBoard();
    private final SimRfidComponent rfid = new SimRfidComponent(board.context());
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
        openPort("/dev/serial0");
        RuntimeException e = assertThrows(RuntimeException.class, () -> openPort("/dev/ttyUSB0"));
        assertTrue(String.valueOf(e.getMessage()).contains("/dev/ttyUSB0")
                || String.valueOf(e.getCause()).contains("/dev/ttyUSB0"), e.toString());
    }

    @Test
    void theReaderIsWiredWhereTheDriverOpens_thePn532AtItsHsuBaudRate() {
        Serial port = board.context().create(Serial.newConfigBuilder(board.context()).id("pn532-uart")
                .device("/dev/ttyAMA0").baud(115200).dataBits_8().parityNone().stopBits_1().flowNone());
        assertEquals("/dev/ttyAMA0", rfid.state().get("device"));
        assertEquals("PN532", rfid.state().get("module"));
        assertEquals(true, rfid.state().get("readerOpen"));
        // GetFirmwareVersion after the HSU wake-up: ACK, then D5 03 32 01 06 07.
        byte[] wake = {0x55, 0x55, 0, 0, 0, 0, 0, 0};
        port.write(wake, 0, wake.length);
        byte[] cmd = {0x00, 0x00, (byte) 0xFF, 0x02, (byte) 0xFE, (byte) 0xD4, 0x02, 0x2A, 0x00};
        port.write(cmd, 0, cmd.length);
        assertArrayEquals(new byte[] {0x00, 0x00, (byte) 0xFF, 0x00, (byte) 0xFF, 0x00, 0x00, 0x00, (byte) 0xFF,
                0x06, (byte) 0xFA, (byte) 0xD5, 0x03, 0x32, 0x01, 0x06, 0x07, (byte) 0xE8, 0x00}, read(port));
    }

    @Test
    void theIso14443ReaderRefusesUidsNoSuchCardHas() {
        SimCardServlet.Answer a = servlet.post("{\"uid\": \"62E3086CED\"}");
        assertEquals(400, a.status());
        assertTrue(a.body().get("error").toString().contains("4, 7 or 10 bytes"), a.body().toString());
        assertEquals(0, rfid.state().get("presentations"));
    }

    @Test
    void noSimComponentReadsAnRfidDriversPid() throws java.io.IOException {
        // Issue 14 point 4: one owner per PID. The reader follows the path the driver opens instead.
        try (var xmls = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("target/classes/OSGI-INF"),
                "*.xml")) {
            int components = 0;
            for (java.nio.file.Path xml : xmls) {
                components++;
                String text = java.nio.file.Files.readString(xml);
                assertFalse(text.contains("configuration-pid=\"org.infinergi.driver.rfid"), xml + " reads a driver PID");
            }
            assertTrue(components > 0, "the sim's component descriptions are built");
        }
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
