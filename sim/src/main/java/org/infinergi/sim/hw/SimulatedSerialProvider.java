package org.infinergi.sim.hw;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.pi4j.io.serial.Serial;
import com.pi4j.io.serial.SerialConfig;
import com.pi4j.io.serial.SerialProvider;
import com.pi4j.io.serial.SerialProviderBase;

/**
 * pi4j serial provider of the simulated board: dispatches by device path ({@code /dev/ttyS0} …) to the
 * {@link SimulatedSerialDevice} attached there, so each simulated peripheral on a UART (RFID reader, GPRS modem)
 * sits behind its own path, as on the board. Opening a path with nothing attached fails like opening a missing
 * {@code /dev} node.
 */
public final class SimulatedSerialProvider extends SerialProviderBase implements SerialProvider {

    /** The provider id, listed by the simulated platform as its serial provider. */
    public static final String ID = "infinergi-sim-serial";

    private final Map<String, SimulatedSerialDevice> devices = new ConcurrentHashMap<>();

    public SimulatedSerialProvider() {
        super(ID, "infinergi simulated serial ports (dispatch by device path)");
    }

    @Override
    public int getPriority() {
        return 1000;
    }

    /** Connects {@code device} to the UART at {@code path}, replacing what was there. */
    public void attach(String path, SimulatedSerialDevice device) {
        devices.put(path, device);
    }

    /** Disconnects {@code device} from {@code path} (no-op when something else is attached there now). */
    public void detach(String path, SimulatedSerialDevice device) {
        devices.remove(path, device);
    }

    /** The device attached at {@code path}, or null. */
    public SimulatedSerialDevice device(String path) {
        return path == null ? null : devices.get(path);
    }

    @Override
    public Serial create(SerialConfig config) {
        SimulatedSerialDevice device = device(config.device());
        if (device == null) {
            throw new IllegalStateException("no such serial device: " + config.device());
        }
        SimulatedSerial serial = new SimulatedSerial(this, config, device);
        context.registry().add(serial);
        return serial;
    }
}
