package org.infinergi.platform.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fazecast.jSerialComm.SerialPort;
import com.pi4j.io.exception.IOException;
import com.pi4j.io.serial.DataBits;
import com.pi4j.io.serial.FlowControl;
import com.pi4j.io.serial.Parity;
import com.pi4j.io.serial.Serial;
import com.pi4j.io.serial.SerialConfig;
import com.pi4j.io.serial.SerialProvider;
import com.pi4j.io.serial.SerialProviderBase;
import com.pi4j.io.serial.StopBits;

/**
 * pi4j serial provider of the board: the board's UARTs ({@code /dev/serial0}, {@code /dev/ttyS0} …) through
 * jSerialComm. pi4j 2.8.0 has no serial provider we can use on the board (linuxfs has none, gpiod is GPIO only,
 * pigpio needs its root daemon), and jSerialComm is already in every image for the Modbus bus, with its native code
 * for the board's ARM kernels. Like the other board providers, {@link #create} opens the device: a device the kernel
 * does not expose fails there, naming its path.
 */
final class UartProvider extends SerialProviderBase implements SerialProvider {

    /** The provider id, listed in the board's context. */
    static final String ID = "infinergi-uart";

    /** Upper bound for one write: a UART without flow control never stalls that long; a gone device must not hang. */
    static final int WRITE_TIMEOUT_MS = 1000;

    UartProvider() {
        super(ID, "infinergi board UARTs (jSerialComm)");
    }

    @Override
    public Serial create(SerialConfig config) {
        Uart uart = new Uart(this, config, open(config));
        try {
            context.registry().add(uart);
        } catch (RuntimeException e) {
            uart.close(); // the id is taken: the device must not stay open behind nobody's back
            throw e;
        }
        return uart;
    }

    /** Opens {@code config}'s device with its line settings; throws naming the device when it cannot. */
    static SerialPort open(SerialConfig config) {
        String device = config.device();
        if (device == null || device.isBlank()) {
            throw new IOException("serial I/O " + config.id() + " names no device");
        }
        // jSerialComm would open /dev/<name> for a path that does not exist: a mistyped device must not open
        // another UART of the board (the RS485 terminal's, say).
        Path path = device.startsWith("/") ? Path.of(device) : Path.of("/dev", device);
        if (!Files.exists(path)) {
            throw new IOException("cannot open serial device " + device + ": no such device");
        }
        try {
            SerialPort port = SerialPort.getCommPort(path.toString());
            port.setComPortParameters(baud(config), dataBits(config.dataBits()), stopBits(config.stopBits()),
                    parity(config.parity()));
            port.setFlowControl(flowControl(config.flowControl()));
            // Reads never block (pi4j's Serial: available() then read); a write returns once it is sent.
            port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 0,
                    WRITE_TIMEOUT_MS);
            if (!port.openPort()) {
                throw new IOException("cannot open serial device " + device + ": " + errno(port.getLastErrorCode()));
            }
            return port;
        } catch (LinkageError e) {
            // jSerialComm's native library did not load (an unsupported CPU, no writable temp directory): the
            // reader must see a failure it retries and reports (D3), not an Error that ends its thread.
            throw new IOException("cannot open serial device " + device + ": jSerialComm's native library: " + e, e);
        } catch (RuntimeException e) {
            if (e instanceof IOException) {
                throw e;
            }
            throw new IOException("cannot open serial device " + device + ": " + e.getMessage(), e);
        }
    }

    private static int baud(SerialConfig config) {
        Integer baud = config.baud();
        return baud == null ? Serial.DEFAULT_BAUD : baud;
    }

    static int dataBits(DataBits bits) {
        return (bits == null ? Serial.DEFAULT_DATA_BITS : bits).value();
    }

    /** jSerialComm numbers its stop bits 1 = one, 2 = one and a half, 3 = two: never pass pi4j's count through. */
    static int stopBits(StopBits bits) {
        return bits == StopBits._2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
    }

    static int parity(Parity parity) {
        if (parity == null) {
            return SerialPort.NO_PARITY;
        }
        return switch (parity) {
            case ODD -> SerialPort.ODD_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
            default -> SerialPort.NO_PARITY;
        };
    }

    static int flowControl(FlowControl flow) {
        if (flow == null) {
            return SerialPort.FLOW_CONTROL_DISABLED;
        }
        return switch (flow) {
            case HARDWARE -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case SOFTWARE -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
            default -> SerialPort.FLOW_CONTROL_DISABLED;
        };
    }

    /** The kernel's answer to open(2), in words an installer can act on. */
    static String errno(int code) {
        return switch (code) {
            case 2, 6, 19 -> "no such device (errno " + code + ")";
            case 13 -> "permission denied (errno 13: the user running the firmware needs the group dialout)";
            case 16 -> "device busy (errno 16: another program, such as a serial console, has it open)";
            default -> "error " + code;
        };
    }
}
