package org.infinergi.sim.hw;

import com.pi4j.context.Context;
import com.pi4j.io.serial.Serial;
import com.pi4j.io.serial.SerialBase;
import com.pi4j.io.serial.SerialConfig;
import com.pi4j.io.serial.SerialProvider;

/**
 * A driver's end of a simulated UART. Open from creation, as the board's serial providers open the device when
 * they create the I/O; non-blocking reads like pi4j's ({@link #available()} then read).
 */
final class SimulatedSerial extends SerialBase implements Serial {

    private final SimulatedSerialDevice device;

    SimulatedSerial(SerialProvider provider, SerialConfig config, SimulatedSerialDevice device) {
        super(provider, config);
        this.device = device;
        isOpen = true;
        device.opened();
    }

    @Override
    public void open() {
        if (!isOpen) {
            isOpen = true;
            device.opened();
        }
    }

    @Override
    public void close() {
        if (isOpen) {
            isOpen = false;
            device.closed();
        }
    }

    @Override
    public Serial shutdown(Context context) {
        close();
        return super.shutdown(context);
    }

    @Override
    public int available() {
        return isOpen ? device.available() : 0;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (!isOpen) {
            throw new IllegalStateException("serial port " + config.device() + " is closed");
        }
        return device.read(buffer, offset, length);
    }

    @Override
    public int write(byte b) {
        return write(new byte[] {b}, 0, 1);
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        if (!isOpen) {
            throw new IllegalStateException("serial port " + config.device() + " is closed");
        }
        device.received(data, offset, length);
        return length;
    }
}
