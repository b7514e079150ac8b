package org.infinergi.driver.pilot.internal;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;

import org.infinergi.core.charging.hal.BoardSensors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board's supervision inputs: the enclosure NTC (manual §5.6) on the pilot MCP3208 — the NTC to
 * ground below {@code ntcSeriesOhm} to the reference, converted by the β model — and the mains monitor's
 * earth-present and phase/neutral-reversal outputs on two GPIOs (manual §9.1 I1, I2). Every value is read
 * fresh; the temperature is NaN when the ADC does not answer or the divider sits at a rail (sensor open
 * or shorted).
 */
@Component(service = BoardSensors.class)
public final class BoardSensorsDriver implements BoardSensors {

    private static final Logger LOG = LoggerFactory.getLogger(BoardSensorsDriver.class);

    private final PilotConfig config;
    private final Pi4jIo io;
    private final PilotAdc adc;
    private final DigitalInput earth;
    private final DigitalInput reversal;
    private boolean adcFailing;

    /** @param board the board map, from the one owner of {@value PilotConfig#PID} (a test passes {@code () -> config}) */
    @Activate
    public BoardSensorsDriver(@Reference Context pi4j, @Reference PilotAdc adc, @Reference BoardMap board) {
        PilotConfig config = board.config();
        Checks.channel("ntcChannel", config.ntcChannel());
        Checks.positive("ntcSeriesOhm", config.ntcSeriesOhm());
        Checks.positive("ntcR25Ohm", config.ntcR25Ohm());
        Checks.positive("ntcBeta", config.ntcBeta());
        this.config = config;
        this.adc = adc;
        this.io = new Pi4jIo(pi4j);
        try {
            earth = io.input("infinergi-earth-monitor", "Earth monitor", config.earthMonitorAddress());
            reversal = io.input("infinergi-phase-reversal", "Phase reversal", config.phaseReversalAddress());
        } catch (RuntimeException e) {
            io.close();
            throw e;
        }
        LOG.info("Board sensors: NTC on ADC bus {} CS {} channel {}, earth monitor {}, phase reversal {}",
                config.pilotAdcBus(), config.pilotAdcChipSelect(), config.ntcChannel(), config.earthMonitorAddress(),
                config.phaseReversalAddress());
    }

    @Override
    public synchronized double temperatureC() {
        try {
            int counts = adc.read(config.ntcChannel());
            if (adcFailing) {
                LOG.info("Temperature ADC answers again");
                adcFailing = false;
            }
            double ohm = AnalogFrontEnd.bottomResistorOhm(counts, config.ntcSeriesOhm(), config.dividerRailMarginCounts());
            return AnalogFrontEnd.ntcCelsius(ohm, config.ntcR25Ohm(), config.ntcBeta());
        } catch (Mcp3208Adc.AdcException e) {
            if (!adcFailing) {
                LOG.warn("Temperature ADC failed: {}", e.getMessage());
                adcFailing = true;
            }
            return Double.NaN;
        }
    }

    @Override
    public boolean earthPresent() {
        return earth.isHigh() == config.earthPresentActiveHigh();
    }

    @Override
    public boolean phaseNeutralReversed() {
        return reversal.isHigh() == config.phaseReversedActiveHigh();
    }

    @Deactivate
    public void deactivate() {
        io.close();
    }
}
