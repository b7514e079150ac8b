package org.infinergi.driver.pilot.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiMode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pi4j I/O instances one component created, released together (their ids must be free to reactivate). An I/O
 * that cannot be opened throws {@link BoardIoUnavailable} naming it.
 */
final class Pi4jIo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pi4jIo.class);

    private final Context context;
    private final Deque<String> ids = new ArrayDeque<>();

    Pi4jIo(Context context) {
        this.context = context;
    }

    private <T extends IO<?, ?, ?>> T open(String what, Supplier<T> create) {
        T io;
        try {
            io = create.get();
        } catch (RuntimeException e) {
            throw new BoardIoUnavailable(what, e);
        }
        ids.push(io.id());
        return io;
    }

    Spi spi(String id, String name, int bus, int chipSelect, int baudHz) {
        return open(name + " on SPI bus " + bus + " CS " + chipSelect, () -> context.create(Spi.newConfigBuilder(context)
                .id(id).name(id).bus(bus).address(chipSelect).mode(SpiMode.MODE_0).baud(baudHz)));
    }

    DigitalInput input(String id, String name, int address) {
        return open(name + " input GPIO " + address, () -> context.create(DigitalInput.newConfigBuilder(context)
                .id(id).name(name).address(address).pull(PullResistance.OFF)));
    }

    DigitalOutput output(String id, String name, int address, DigitalState initial, DigitalState shutdown) {
        var b = DigitalOutput.newConfigBuilder(context).id(id).name(name).address(address).initial(initial);
        if (shutdown != null) {
            b.shutdown(shutdown);
        }
        return open(name + " output GPIO " + address, () -> context.create(b));
    }

    /** A hardware PWM that starts and shuts down off. */
    Pwm pwm(String id, String name, int address, int frequencyHz) {
        return open(name + " PWM " + address, () -> context.create(Pwm.newConfigBuilder(context).id(id).name(name)
                .address(address).pwmType(PwmType.HARDWARE).frequency(frequencyHz).initial(0).shutdown(0)));
    }

    @Override
    public void close() {
        while (!ids.isEmpty()) {
            String id = ids.pop();
            try {
                context.shutdown(id);
            } catch (RuntimeException e) {
                LOG.debug("pi4j I/O {} already gone: {}", id, e.toString());
            }
        }
    }
}
