package org.infinergi.platform.internal;

import com.fazecast.jSerialComm.SerialPort;
import com.pi4j.context.Context;
import com.pi4j.io.exception.IOException;
import com.pi4j.io.serial.Serial;
import com.pi4j.io.serial.SerialBase;
import com.pi4j.io.serial.SerialConfig;
import com.pi4j.io.serial.SerialProvider;

/**
 * One of the board's UARTs, open from creation ({@link UartProvider#create}). Reads do not block, as pi4j's serial
 * I/O: {@link #available()} says what is there, a read takes at most that and answers 0 when nothing came. A device
 * that fails (gone, closed under us) throws from the call that meets it, so the driver closes and reopens it; an
 * I/O used after {@link #close()} throws naming the device, and {@link #open()} opens it again.
 */
final class Uart extends SerialBase implements Serial {

    private final SerialPort port;

    Uart(SerialProvider provider, SerialConfig config, SerialPort port) {
        super(provider, config);
        this.port = port;
        isOpen = true;
    }

    @Override
    public synchronized void open() {
        if (!isOpen) {
            if (!port.openPort()) {
                throw new IOException("cannot open serial device " + config.device() + ": "
                        + UartProvider.errno(port.getLastErrorCode()));
            }
            isOpen = true;
        }
    }

    @Override
    public synchronized void close() {
        if (isOpen) {
            isOpen = false;
            port.closePort();
        }
    }

    @Override
    public Serial shutdown(Context context) {
        close();
        return super.shutdown(context);
    }

    @Override
    public synchronized int available() {
        if (!isOpen) {
            return 0;
        }
        int n = port.bytesAvailable();
        if (n < 0) {
            throw failed("reading");
        }
        return n;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xFF : -1;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
        requireOpen();
        if (length == 0) {
            return 0;
        }
        int n = port.readBytes(buffer, length, offset);
        if (n < 0) {
            throw failed("reading");
        }
        return n;
    }

    @Override
    public int write(byte b) {
        return write(new byte[] {b}, 0, 1);
    }

    @Override
    public synchronized int write(byte[] data, int offset, int length) {
        requireOpen();
        if (length == 0) {
            return 0;
        }
        int n = port.writeBytes(data, length, offset);
        if (n != length) {
            // A short write is a frame the peer will not understand: the driver must start over, not go on.
            throw n < 0 ? failed("writing")
                    : new IOException("serial device " + config.device() + ": wrote " + n + " of " + length + " bytes");
        }
        return n;
    }

    private void requireOpen() {
        if (!isOpen) {
            throw new IOException("serial device " + config.device() + " is closed");
        }
    }

    private IOException failed(String what) {
        return new IOException("serial device " + config.device() + " failed " + what + ": "
                + UartProvider.errno(port.getLastErrorCode()));
    }
}
