package org.infinergi.driver.pilot.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.config.CheckedConfiguration;
import org.infinergi.core.config.LastValidConfiguration;

import org.infinergi.core.charging.hal.AdcChannel;
import org.infinergi.core.charging.hal.AdcDivider;
import org.infinergi.core.charging.hal.BoardWiring;
import org.infinergi.core.charging.hal.GpioPin;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.LoggerFactory;

/**
 * The one owner of PID {@value PilotConfig#PID}, the board revision's factory map. No {@code @Modified}: a changed
 * map re-registers this service, so every driver that holds pins or channels of the old map is restarted on the
 * new one (as when each driver read the PID itself). Outside this bundle the map is the {@link BoardWiring} service
 * (the simulated board sits under the drivers with it instead of reading this PID). A map with an empty value
 * ({@code feedbackActiveHigh =} would invert the contactor feedback) or a value not of its key's type is rejected as
 * a whole and listed in the status (issue 15): the last valid map, kept in this bundle's data area because each
 * change re-creates this component ({@link LastValidConfiguration}), stays in force; the factory map only when no
 * valid map was ever applied.
 */
@Component(name = "org.infinergi.driver.pilot.board", configurationPid = PilotConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {BoardMap.class, BoardWiring.class,
                ConfigurationOwner.class})
@Designate(ocd = PilotConfig.class)
public final class BoardMapComponent implements BoardMap, BoardWiring, ConfigurationOwner {

    private final PilotConfig config;
    private final List<ConfigurationRejection> rejections;

    @Activate
    public BoardMapComponent(Map<String, Object> properties, BundleContext bundleContext) {
        Consumer<String> log = LoggerFactory.getLogger(BoardMapComponent.class)::error;
        LastValidConfiguration<PilotConfig> lastValid = new LastValidConfiguration<>(PilotConfig.PID,
                PilotConfig.class, bundleContext::getDataFile);
        CheckedConfiguration<PilotConfig> checked = lastValid.check(properties, log);
        this.config = checked.config();
        this.rejections = checked.rejections();
        lastValid.keep(checked, log);
    }

    /** A map already checked (the drivers' tests). */
    BoardMapComponent(PilotConfig config) {
        this.config = config;
        this.rejections = List.of();
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return rejections;
    }

    @Override
    public PilotConfig config() {
        return config;
    }

    @Override
    public int pilotPwmAddress() {
        return config.pwmAddress();
    }

    @Override
    public GpioPin contactor() {
        return new GpioPin(config.contactorAddress(), true);
    }

    @Override
    public GpioPin contactorFeedback() {
        return new GpioPin(config.feedbackAddress(), config.feedbackActiveHigh());
    }

    @Override
    public AdcChannel pilotPositive() {
        return new AdcChannel(config.pilotAdcBus(), config.pilotAdcChipSelect(), config.pilotPositiveChannel(),
                config.pilotPositiveGain(), config.pilotPositiveOffset());
    }

    @Override
    public AdcChannel pilotNegative() {
        return new AdcChannel(config.pilotAdcBus(), config.pilotAdcChipSelect(), config.pilotNegativeChannel(),
                config.pilotNegativeGain(), config.pilotNegativeOffset());
    }

    @Override
    public List<AdcChannel> mainsVoltages() {
        return List.of(meter(config.meterVoltageL1Channel(), true), meter(config.meterVoltageL2Channel(), true),
                meter(config.meterVoltageL3Channel(), true));
    }

    @Override
    public List<AdcChannel> phaseCurrents() {
        return List.of(meter(config.meterCurrentL1Channel(), false), meter(config.meterCurrentL2Channel(), false),
                meter(config.meterCurrentL3Channel(), false));
    }

    private AdcChannel meter(int channel, boolean voltage) {
        return new AdcChannel(config.meterAdcBus(), config.meterAdcChipSelect(), channel,
                voltage ? config.meterVoltageGain() : config.meterCurrentGain(),
                voltage ? config.meterVoltageOffset() : config.meterCurrentOffset());
    }

    @Override
    public AdcDivider proximityPilot() {
        return new AdcDivider(config.pilotAdcBus(), config.pilotAdcChipSelect(), config.ppChannel(), config.ppPullUpOhm());
    }

    @Override
    public AdcDivider temperatureSensor() {
        return new AdcDivider(config.pilotAdcBus(), config.pilotAdcChipSelect(), config.ntcChannel(),
                config.ntcSeriesOhm());
    }

    @Override
    public double ntcR25Ohm() {
        return config.ntcR25Ohm();
    }

    @Override
    public double ntcBeta() {
        return config.ntcBeta();
    }

    @Override
    public GpioPin lock() {
        return new GpioPin(config.lockAddress(), true);
    }

    @Override
    public GpioPin lockFeedback() {
        return new GpioPin(config.lockFeedbackAddress(), config.lockFeedbackActiveHigh());
    }

    @Override
    public GpioPin rcdTest() {
        return new GpioPin(config.rcdTestAddress(), true);
    }

    @Override
    public GpioPin rcdTrip() {
        return new GpioPin(config.rcdTripAddress(), config.rcdTripActiveHigh());
    }

    @Override
    public GpioPin earthMonitor() {
        return new GpioPin(config.earthMonitorAddress(), config.earthPresentActiveHigh());
    }

    @Override
    public GpioPin phaseReversal() {
        return new GpioPin(config.phaseReversalAddress(), config.phaseReversedActiveHigh());
    }
}
