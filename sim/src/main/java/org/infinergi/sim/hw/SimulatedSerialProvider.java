package org.infinergi.sim.hw;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.pi4j.io.serial.Serial;
import com.pi4j.io.serial.SerialConfig;
import com.pi4j.io.serial.SerialProvider;
import com.pi4j.io.serial.SerialProviderBase;

/**
 * pi4j serial provider of the simulated board: dispatches by device path ({@code /dev/ttyS0} …) to the
 * {@link SimulatedSerialDevice} attached there, so each simulated peripheral on a UART (RFID reader, GPRS modem)
 * sits behind its own path, as on the board. Opening a path with nothing attached fails like opening a missing
 * {@code /dev} node, unless a device waits to be wired where the driver opens ({@link #attachOnOpen}).
 */
public final class SimulatedSerialProvider extends SerialProviderBase implements SerialProvider {

    /** The provider id, listed by the simulated platform as its serial provider. */
    public static final String ID = "infinergi-sim-serial";

    private final Map<String, SimulatedSerialDevice> devices = new ConcurrentHashMap<>();
    private volatile Function<SerialConfig, SimulatedSerialDevice> onOpen;

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

    /**
     * Wires a peripheral at whatever path a driver opens: when a driver opens a path with nothing attached,
     * {@code wiring} is asked for the device to put there (null: none, the open fails). The sim thus follows the
     * driver's own configuration of where its peripheral is, without reading the driver's PID (one owner per PID).
     */
    public void attachOnOpen(Function<SerialConfig, SimulatedSerialDevice> wiring) {
        onOpen = wiring;
    }

    /** Stops wiring at open ({@code wiring} as given to {@link #attachOnOpen}); no-op for another one. */
    public void detachOnOpen(Function<SerialConfig, SimulatedSerialDevice> wiring) {
        if (onOpen == wiring) {
            onOpen = null;
        }
    }

    /** The device attached at {@code path}, or null. */
    public SimulatedSerialDevice device(String path) {
        return path == null ? null : devices.get(path);
    }

    @Override
    public Serial create(SerialConfig config) {
        SimulatedSerialDevice device = device(config.device());
        Function<SerialConfig, SimulatedSerialDevice> wiring = onOpen;
        if (device == null && wiring != null && config.device() != null) {
            device = wiring.apply(config);
            if (device != null) {
                SimulatedSerialDevice before = devices.putIfAbsent(config.device(), device);
                device = before != null ? before : device;
            }
        }
        if (device == null) {
            throw new IllegalStateException("no such serial device: " + config.device());
        }
        SimulatedSerial serial = new SimulatedSerial(this, config, device);
        context.registry().add(serial);
        return serial;
    }
}
