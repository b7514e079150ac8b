package org.infinergi.driver.pilot.internal;

import com.pi4j.context.Context;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pilot front end's MCP3208 (pilot peak detectors, proximity pilot, enclosure NTC), shared by the
 * components that read its channels. One owner for the chip because pi4j 2.8 reserves an I/O address once
 * per context (an SPI chip select cannot be opened twice) and because one chip's conversions must not
 * interleave. Internal service of this bundle (its package is not exported).
 */
@Component(service = PilotAdc.class)
public final class PilotAdc {

    private static final Logger LOG = LoggerFactory.getLogger(PilotAdc.class);

    private final Pi4jIo io;
    private final Mcp3208Adc adc;

    /** @param board the board map, from the one owner of {@value PilotConfig#PID} (a test passes {@code () -> config}) */
    @Activate
    public PilotAdc(@Reference Context pi4j, @Reference BoardMap board) {
        PilotConfig config = board.config();
        io = new Pi4jIo(pi4j);
        try {
            adc = new Mcp3208Adc(io.spi("infinergi-pilot-adc", config.pilotAdcBus(), config.pilotAdcChipSelect(),
                    config.spiBaudHz()));
        } catch (RuntimeException e) {
            io.close();
            throw e;
        }
        LOG.debug("Pilot ADC on SPI bus {} CS {}", config.pilotAdcBus(), config.pilotAdcChipSelect());
    }

    /** One conversion of {@code channel}, counts 0..4095. */
    synchronized int read(int channel) throws Mcp3208Adc.AdcException {
        return adc.read(channel);
    }

    @Deactivate
    public void deactivate() {
        io.close();
    }
}
