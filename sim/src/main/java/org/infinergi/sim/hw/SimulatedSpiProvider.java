package org.infinergi.sim.hw;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProvider;
import com.pi4j.io.spi.SpiProviderBase;

/**
 * pi4j SPI provider whose buses carry simulated MCP3208 chips, one per (bus, chip select). A chip exists
 * as soon as either side asks for it, so the world can set channel values before the driver opens the bus.
 */
public final class SimulatedSpiProvider extends SpiProviderBase implements SpiProvider {

    /** The provider id, listed by the simulated platform as its SPI provider. */
    public static final String ID = "infinergi-sim-spi";

    private final Map<String, Mcp3208> chips = new ConcurrentHashMap<>();

    public SimulatedSpiProvider() {
        super(ID, "infinergi simulated SPI (MCP3208 chips)");
    }

    @Override
    public int getPriority() {
        return 1000;
    }

    /** The simulated chip on {@code bus} (0..6) at {@code chipSelect}. */
    public Mcp3208 chip(int bus, int chipSelect) {
        return chips.computeIfAbsent(bus + ":" + chipSelect, k -> new Mcp3208());
    }

    @Override
    public Spi create(SpiConfig config) {
        SpiBus bus = config.bus() != null ? config.bus() : Spi.DEFAULT_BUS;
        Integer cs = config.address() != null ? config.address()
                : config.chipSelect() != null ? config.chipSelect().getChipSelect() : 0;
        SimulatedSpi spi = new SimulatedSpi(this, config, chip(bus.getBus(), cs));
        context.registry().add(spi);
        return spi;
    }
}
