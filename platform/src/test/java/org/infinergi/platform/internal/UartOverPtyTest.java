package org.infinergi.platform.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fazecast.jSerialComm.SerialPort;
import com.pi4j.context.Context;
import com.pi4j.io.serial.Serial;
import com.pi4j.io.serial.Parity;
import com.pi4j.io.serial.SerialConfigBuilder;
import com.pi4j.io.serial.StopBits;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The board's context opens a UART through jSerialComm: one end of a pseudo-terminal pair is the board's UART, the
 * test is the peripheral on the other end. Bytes go both ways unchanged, reads never block, the line settings reach
 * the kernel (read back with stty; a pseudo-terminal keeps speed, data and stop bits, not parity) and a closed port
 * says so.
 */
class UartOverPtyTest {

    /** The PN532's HSU wake-up and a GetFirmwareVersion frame (UM0701-02): what the reader sends first. */
    private static final byte[] WAKE_UP_AND_COMMAND = {0x55, 0x55, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xFF, 0x02,
            (byte) 0xFE, (byte) 0xD4, 0x02, 0x2A, 0x00};
    /** ACK then the GetFirmwareVersion response of a PN532 v1.6. */
    private static final byte[] ACK_AND_RESPONSE = {0x00, 0x00, (byte) 0xFF, 0x00, (byte) 0xFF, 0x00, 0x00, 0x00,
            (byte) 0xFF, 0x06, (byte) 0xFA, (byte) 0xD5, 0x03, 0x32, 0x01, 0x06, 0x07, (byte) 0xE8, 0x00};

    private PtyPair pty;
    private Context context;

    @BeforeEach
    void line() throws IOException {
        assumeTrue(PtyPair.available(), "socat is installed by test.sh");
        pty = new PtyPair();
        context = BoardContext.build(Configs.platform(Map.of()));
    }

    @AfterEach
    void close() throws IOException {
        if (context != null) {
            context.shutdown();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private SerialConfigBuilder uart() {
        return Serial.newConfigBuilder(context).id("rfid").device(pty.uart.toString());
    }

    @Test
    void thePn532sLine_115200_8N1_carriesBytesBothWays_andReadsNeverBlock() throws Exception {
        Serial serial = context.create(uart().baud(115200).dataBits_8().parityNone().stopBits_1().flowNone());
        assertTrue(serial.isOpen(), "open from creation, as the board's other providers open their device");

        try (FileInputStream peerIn = new FileInputStream(pty.peer.toFile());
                FileOutputStream peerOut = new FileOutputStream(pty.peer.toFile())) {
            Future<byte[]> received = receive(peerIn, WAKE_UP_AND_COMMAND.length);
            byte[] padded = new byte[WAKE_UP_AND_COMMAND.length + 3];
            System.arraycopy(WAKE_UP_AND_COMMAND, 0, padded, 3, WAKE_UP_AND_COMMAND.length);
            assertEquals(WAKE_UP_AND_COMMAND.length, serial.write(padded, 3, WAKE_UP_AND_COMMAND.length));
            assertArrayEquals(WAKE_UP_AND_COMMAND, received.get(5, TimeUnit.SECONDS),
                    "the peripheral receives what the driver wrote");

            assertEquals(0, serial.available(), "nothing sent yet");
            assertEquals(0, serial.read(new byte[8], 0, 8), "a read with nothing there answers 0 at once");

            peerOut.write(ACK_AND_RESPONSE);
            peerOut.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> serial.available() == ACK_AND_RESPONSE.length);
            byte[] got = new byte[64];
            int n = serial.read(got, 2, got.length - 2);
            assertArrayEquals(ACK_AND_RESPONSE, Arrays.copyOfRange(got, 2, 2 + n), "the driver reads what it sent");
            assertEquals(0, serial.available());
        }
        List<String> line = stty(pty.uart.toString());
        assertTrue(line.contains("115200") && line.contains("cs8") && line.contains("-parenb") && line.contains("-cstopb")
                && line.contains("-crtscts") && line.contains("-ixon") && line.contains("-ixoff"),
                "115200 8N1, no flow control: " + line);
    }

    @Test
    void twoStopBitsReachTheKernel_andParityIsJSerialCommsOwnConstant() throws IOException {
        // jSerialComm numbers its stop bits 1 = one, 2 = one and a half, 3 = two: pi4j's 2 must become 3.
        assertEquals(SerialPort.TWO_STOP_BITS, UartProvider.stopBits(StopBits._2));
        assertEquals(SerialPort.ONE_STOP_BIT, UartProvider.stopBits(StopBits._1));
        // A Linux pseudo-terminal keeps no parity (the kernel clears PARENB): the mapping is checked as such.
        assertEquals(SerialPort.EVEN_PARITY, UartProvider.parity(Parity.EVEN));
        assertEquals(SerialPort.ODD_PARITY, UartProvider.parity(Parity.ODD));
        assertEquals(SerialPort.NO_PARITY, UartProvider.parity(Parity.NONE));

        context.create(uart().baud(9600).dataBits_8().parityNone().stopBits_2().flowNone());

        List<String> line = stty(pty.uart.toString());
        assertTrue(line.contains("9600") && line.contains("cs8") && line.contains("cstopb"), "9600 8N2: " + line);
    }

    @Test
    void aClosedUartSaysSo_andOpensAgain() throws Exception {
        Serial serial = context.create(uart().baud(115200).dataBits_8().parityNone().stopBits_1().flowNone());
        serial.close();

        assertFalse(serial.isOpen());
        assertEquals(0, serial.available());
        RuntimeException e = assertThrows(RuntimeException.class, () -> serial.write(new byte[] {1}, 0, 1));
        assertEquals("serial device " + pty.uart + " is closed", e.getMessage());

        serial.open();
        try (FileInputStream peerIn = new FileInputStream(pty.peer.toFile())) {
            Future<byte[]> received = receive(peerIn, 1);
            serial.write(new byte[] {0x55}, 0, 1);
            assertArrayEquals(new byte[] {0x55}, received.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void shuttingTheIoDownFreesTheDevice_soTheDriverCanOpenItAgain() {
        context.create(uart().baud(115200).dataBits_8().parityNone().stopBits_1().flowNone());
        context.shutdown("rfid");

        Serial again = context.create(uart().baud(115200).dataBits_8().parityNone().stopBits_1().flowNone());
        assertTrue(again.isOpen(), "jSerialComm locks the device while open: it was released");
    }

    @Test
    void aMissingDeviceFailsNamingIt() {
        String missing = pty.uart + "-unplugged";

        RuntimeException e = assertThrows(RuntimeException.class, () -> context.create(Serial.newConfigBuilder(context)
                .id("rfid").device(missing).baud(115200).dataBits_8().parityNone().stopBits_1().flowNone()));
        assertTrue(String.valueOf(e.getMessage()).contains("cannot open serial device " + missing + ": no such device")
                || String.valueOf(e.getCause()).contains("cannot open serial device " + missing), e.toString());
    }

    /**
     * The next {@code n} bytes the peripheral receives. A pseudo-terminal has no available() in Java (it cannot seek), so
     * the read blocks on a thread of its own; closing the pair ends it if the bytes never come.
     */
    private static Future<byte[]> receive(FileInputStream in, int n) {
        return CompletableFuture.supplyAsync(() -> {
            // read(), not readNBytes(): JDK 17's readNBytes asks the file for its size and position.
            byte[] bytes = new byte[n];
            try {
                for (int got = 0; got < n; ) {
                    int r = in.read(bytes, got, n - got);
                    if (r < 0) {
                        throw new IOException("the line closed after " + got + " of " + n + " bytes");
                    }
                    got += r;
                }
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The line settings the kernel holds for {@code device}, as stty prints them. */
    private static List<String> stty(String device) throws IOException {
        Process p = new ProcessBuilder("stty", "-F", device, "-a").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertEquals(0, p.waitFor(), out);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        return Arrays.asList(out.replace(";", " ").split("\\s+"));
    }
}
