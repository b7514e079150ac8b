package org.infinergi.driver.pilot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.hal.AdcChannel;
import org.infinergi.core.charging.hal.AdcDivider;
import org.infinergi.core.charging.hal.BoardWiring;
import org.infinergi.core.charging.hal.GpioPin;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.FakeBoardWiring;
import org.junit.jupiter.api.Test;

/** The board map as the {@link BoardWiring} service shows it to what sits under the drivers (the simulated board). */
class BoardMapComponentTest {

    @Test
    void theSharedTestWiringIsTheDriversDefaultMap() throws Exception {
        // The sim's and the stack tests' board is wired by FakeBoardWiring: it must be the board the images ship.
        BoardWiring ours = new BoardMapComponent(Defaults.of(PilotConfig.class));
        BoardWiring fake = new FakeBoardWiring();
        for (Method m : BoardWiring.class.getMethods()) {
            assertEquals(m.invoke(ours), m.invoke(fake), m.getName());
        }
    }

    @Test
    void aChangedMapShowsWhereTheDriverNowReadsAndDrives() {
        BoardWiring wiring = new BoardMapComponent(Defaults.of(PilotConfig.class, Map.ofEntries(
                Map.entry("pwmAddress", 13), Map.entry("contactorAddress", 5), Map.entry("feedbackAddress", 6),
                Map.entry("feedbackActiveHigh", false), Map.entry("pilotAdcBus", 1), Map.entry("pilotAdcChipSelect", 2),
                Map.entry("pilotPositiveChannel", 6), Map.entry("pilotPositiveGain", 0.01),
                Map.entry("pilotPositiveOffset", -20.0), Map.entry("meterAdcChipSelect", 3),
                Map.entry("meterCurrentL2Channel", 7), Map.entry("meterCurrentGain", 0.02), Map.entry("ppChannel", 4),
                Map.entry("ppPullUpOhm", 2200.0), Map.entry("earthMonitorAddress", 9),
                Map.entry("earthPresentActiveHigh", false), Map.entry("lockAddress", 11))));

        assertEquals(13, wiring.pilotPwmAddress());
        assertEquals(new GpioPin(5, true), wiring.contactor());
        assertEquals(new GpioPin(6, false), wiring.contactorFeedback());
        assertEquals(new AdcChannel(1, 2, 6, 0.01, -20.0), wiring.pilotPositive());
        assertEquals(new AdcChannel(1, 2, 1, 0.0073260073, -15.0), wiring.pilotNegative());
        List<AdcChannel> currents = wiring.phaseCurrents();
        assertEquals(new AdcChannel(0, 3, 7, 0.02, 0.0), currents.get(1));
        assertEquals(new AdcChannel(0, 3, 0, 0.0732600733, 0.0), wiring.mainsVoltages().get(0));
        assertEquals(new AdcDivider(1, 2, 4, 2200.0), wiring.proximityPilot(), "PP on the pilot ADC");
        assertEquals(new AdcDivider(1, 2, 3, 10000.0), wiring.temperatureSensor(), "NTC on the pilot ADC");
        assertEquals(new GpioPin(9, false), wiring.earthMonitor());
        assertEquals(new GpioPin(11, true), wiring.lock());
    }
}
