package org.infinergi.sim.hw;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.analog.MockAnalogInputProviderImpl;
import com.pi4j.plugin.mock.provider.gpio.analog.MockAnalogOutputProviderImpl;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProviderImpl;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProviderImpl;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProviderImpl;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProviderImpl;

/**
 * A simulated board: a pi4j {@link Context} built explicitly (never {@code newAutoContext()}, whose
 * ServiceLoader sees no plugins inside OSGi) from pi4j's mock GPIO/PWM/I2C providers, our
 * {@link SimulatedSpiProvider}, whose buses carry simulated MCP3208 chips, and our {@link SimulatedSerialProvider},
 * whose device paths lead to simulated UART peripherals. Drivers use {@link #context()}
 * exactly like the board's context; the world reads the pins the drivers drive and sets the ones they read.
 */
public final class SimBoard implements AutoCloseable {

    private final SimulatedSpiProvider spi = new SimulatedSpiProvider();
    private final SimulatedSerialProvider serial = new SimulatedSerialProvider();
    private final Context context;
    private final Map<Integer, Boolean> inputLevels = new ConcurrentHashMap<>();

    public SimBoard() {
        context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .disableShutdownHook()
                .add(new SimPlatform())
                .add(new LevelledInputProvider(), new MockDigitalOutputProviderImpl(),
                        new MockPwmProviderImpl(), new MockAnalogInputProviderImpl(),
                        new MockAnalogOutputProviderImpl(), new MockI2CProviderImpl(),
                        serial, spi)
                .build();
    }

    /**
     * pi4j's mock inputs start LOW; a real board's inputs show the world from power-up. An input a driver creates
     * reads the level the world last set for its address at once (an earth monitor must not read "no earth"
     * for the first tick after the driver starts).
     */
    private final class LevelledInputProvider extends MockDigitalInputProviderImpl {

        @Override
        public DigitalInput create(DigitalInputConfig config) {
            DigitalInput in = super.create(config);
            Boolean high = config.address() == null ? null : inputLevels.get(config.address());
            if (high != null && in instanceof MockDigitalInput mock) {
                mock.mockState(high ? DigitalState.HIGH : DigitalState.LOW);
            }
            return in;
        }
    }

    /** The pi4j context drivers use. */
    public Context context() {
        return context;
    }

    /** The simulated ADC on SPI {@code bus} at {@code chipSelect}. */
    public Mcp3208 adc(int bus, int chipSelect) {
        return spi.chip(bus, chipSelect);
    }

    /** The simulated UARTs: attach a {@link SimulatedSerialDevice} at a device path. */
    public SimulatedSerialProvider serial() {
        return serial;
    }

    /** The PWM a driver created on {@code address}, if any. */
    public Optional<Pwm> pwm(int address) {
        return find(Pwm.class, address);
    }

    /** The digital output a driver created on {@code address}, if any. */
    public Optional<DigitalOutput> digitalOutput(int address) {
        return find(DigitalOutput.class, address);
    }

    /** The digital input a driver created on {@code address}, if any. */
    public Optional<DigitalInput> digitalInput(int address) {
        return find(DigitalInput.class, address);
    }

    /**
     * Drives the level a driver's digital input on {@code address} reads. Remembered, so an input
     * created later reads it too (applied on the next call).
     */
    public void setInput(int address, boolean high) {
        inputLevels.put(address, high);
        digitalInput(address).ifPresent(in -> {
            if (in instanceof MockDigitalInput mock) {
                DigitalState want = high ? DigitalState.HIGH : DigitalState.LOW;
                if (mock.state() != want) {
                    mock.mockState(want);
                }
            }
        });
    }

    private <T extends IO> Optional<T> find(Class<T> type, int address) {
        for (IO io : context.registry().all().values()) {
            if (type.isInstance(io) && io.config() instanceof com.pi4j.config.AddressConfig<?> ac
                    && ac.address() != null && ac.address() == address) {
                return Optional.of(type.cast(io));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        context.shutdown();
    }

    /** pi4j's mock platform with our SPI and serial providers in place of the mock ones (whose reads return nothing). */
    static final class SimPlatform extends MockPlatform {
        @Override
        protected String[] getProviders() {
            String[] providers = super.getProviders();
            for (int i = 0; i < providers.length; i++) {
                if (providers[i].endsWith("-spi")) {
                    providers[i] = SimulatedSpiProvider.ID;
                } else if (providers[i].endsWith("-serial")) {
                    providers[i] = SimulatedSerialProvider.ID;
                }
            }
            return providers;
        }
    }
}
