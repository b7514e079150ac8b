package org.infinergi.feature.green.internal;

import static org.infinergi.feature.green.internal.Readings.T0;
import static org.infinergi.feature.green.internal.Readings.charger;
import static org.infinergi.feature.green.internal.Readings.chargerWithEnergy;
import static org.infinergi.feature.green.internal.Readings.gridW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.feature.green.api.BoostStatus;
import org.infinergi.feature.green.api.GreenEvents;
import org.infinergi.core.charging.testing.DataArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The component as the core, a Green program, the web and the console see it: a ChargingModeService and
 * GreenCharging over ElectricalReadings, the owner of its PID, and Boost with its events.
 */
class GreenComponentTest {

    private final Readings readings = new Readings();
    private final MutableClock clock = new MutableClock(T0);
    private final List<Event> posted = new ArrayList<>();
    private ChargingMode mode = ChargingMode.GREEN;

    private GreenComponent green(Map<String, Object> config) {
        GreenComponent g = new GreenComponent(readings, clock, config);
        g.statusService = () -> new ChargerStatus("INFINERGI-1T", ChargerState.CHARGING, null, 6, 10, true, null, mode,
                0, 0, null, null, clock.instant());
        g.eventAdmin = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        };
        return g;
    }

    private static Map<String, Object> config(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("component.name", GreenConfig.PID);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The core's cycles for {@code seconds}, one a second; the last word. */
    private ModeDecision cycles(GreenComponent g, int seconds) {
        ModeDecision d = null;
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
            d = g.decide();
        }
        return d;
    }

    private static Event sessionStopped() {
        return new Event(ChargerEvents.SESSION_STOPPED, Map.of(ChargerEvents.END_REASON, "VEHICLE_DISCONNECTED"));
    }

    @TempDir
    java.nio.file.Path dataArea;

    @TempDir
    java.nio.file.Path otherDataArea;

    /** As Declarative Services activates it: the bundle's data area from its BundleContext, the system clock. */
    private GreenComponent activated(java.nio.file.Path data) {
        return new GreenComponent(readings, config("startDelayS", "0", "smoothingS", "0"), DataArea.in(data));
    }

    @Test
    void theLastCarsPhasesAreKeptAcrossPlugInsAndRestarts_soTheRegularCarIsJudgedOnItsOwnMinimumAtOnce() {
        GreenComponent first = activated(dataArea);
        readings.grid = gridW(0, 3); // a three-phase car at 6 A takes the 4.14 kW of surplus
        readings.charger = charger(6, 6, 6);
        assertTrue(first.decide().chargeNow());
        first.handleEvent(sessionStopped()); // unplugged
        // The next plug-in of the same instance: 2 kW is not a three-phase car's minimum, no closing for nothing.
        readings.grid = gridW(-2000, 3);
        readings.charger = charger(0, 0, 0);
        ModeDecision d = first.decide();
        assertFalse(d.chargeNow(), d.reason());
        assertTrue(d.reason().contains("judged on the 3 phase(s) the last car drew on"), d.reason());
        // A restart (the component activated again on the same bundle data area): the same.
        d = activated(dataArea).decide();
        assertFalse(d.chargeNow(), d.reason());
        assertTrue(d.reason().contains("threshold 4140 W"), d.reason());
        // A charger that never saw a car draw judges it as a single-phase car: 2 kW starts it.
        d = activated(otherDataArea).decide();
        assertTrue(d.chargeNow(), d.reason());
        assertTrue(d.reason().contains("judged as a single-phase car"), d.reason());
    }

    @Test
    void theGridLagAndTheHeadroomAreCheckedByKey() {
        GreenComponent.Configured c = GreenComponent.configure(config("gridLagMs", "10001", "headroomW", "-1"), null,
                m -> { });
        assertEquals(List.of("org.infinergi.green: gridLagMs=10001 rejected: must be 0..10000 ms",
                "org.infinergi.green: headroomW=-1 rejected: must be 0..1000 W"),
                c.rejections().stream().map(ConfigurationRejection::message).toList());
    }

    @Test
    void theGreenModeStartsOnTheSurplusAfterTheStartDelay_atItsConfiguredLevel() {
        GreenComponent g = green(config("minGreenLevelPct", "75", "startDelayS", "30"));
        readings.grid = gridW(-1100, 1); // 1.1 kW of surplus: enough at 75 % (1.05 kW), not at 100 %
        readings.charger = charger(0);
        assertFalse(cycles(g, 1).chargeNow());
        ModeDecision d = cycles(g, 30);
        assertTrue(d.chargeNow(), d.reason());
        assertEquals(6.0, d.maxCurrentA(), 1e-9);
        assertTrue(d.reason().contains("Green 75 %"), d.reason());
    }

    @Test
    void aGreenProgramAsksWithItsOwnLevel_andSharesTheState() {
        GreenComponent g = green(config("startDelayS", "0", "smoothingS", "0"));
        readings.grid = gridW(-1100, 1);
        readings.charger = charger(0);
        assertFalse(g.decide().chargeNow(), "the mode's own 100 %");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(g.decide(75).chargeNow(), "a program's 75 %");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(g.decide(0).chargeNow());
    }

    /**
     * The grid meter is polled once a second, the charger's own meter every 100 ms. Charging on 6.9 kW of surplus at
     * 10 A, the car moves to 16 A between two polls (it follows an offer of a moment before): the own meter says so,
     * the grid reading still holds the car at 10 A. The plant gives no more than before, so neither may the offer —
     * the car now minus the grid then would take its own rise for 4 kW more surplus and offer 16 A.
     */
    @Test
    void theCarsDrawRisingBetweenTwoGridReadingsDoesNotRaiseTheOffer() {
        GreenComponent g = green(config("startDelayS", "0", "smoothingS", "0", "headroomW", "0"));
        readings.grid = gridW(0, 3); // house − plant = −6.9 kW, the car 3 × 10 A: the grid sees 0 W
        readings.charger = charger(10, 10, 10);
        ModeDecision d = cycles(g, 1);
        assertTrue(d.chargeNow(), d.reason());
        assertEquals(10.0, d.maxCurrentA(), 1e-9, d.reason());

        readings.chargerWhenGridMeasured = readings.charger;
        readings.charger = charger(16, 16, 16);
        clock.advance(Duration.ofMillis(200));
        d = g.decide();

        assertEquals(10.0, d.maxCurrentA(), 1e-9, d.reason());
        assertTrue(d.reason().contains("surplus 6900 W"), d.reason());

        // The next poll sees the car at 16 A importing 4.1 kW: the surplus is still 6.9 kW, the offer 10 A.
        readings.grid = gridW(6 * 690, 3);
        readings.chargerWhenGridMeasured = null;
        clock.advance(Duration.ofMillis(800));
        assertEquals(10.0, g.decide().maxCurrentA(), 1e-9);
    }

    @Test
    void aStaleGridReadingPausesAtOnce() {
        GreenComponent g = green(config("startDelayS", "0"));
        readings.grid = gridW(-3000, 1);
        readings.charger = charger(0);
        assertTrue(cycles(g, 2).chargeNow());
        readings.grid = Readings.stale();
        ModeDecision d = cycles(g, 1);
        assertFalse(d.chargeNow());
        assertTrue(d.reason().contains("grid reading STALE"), d.reason());
    }

    @Test
    void boostChargesAtFullPowerUntilItsEnergyIsDelivered_thenGreenDecidesAgain() {
        GreenComponent g = green(config("boostEnergyWh", "5000"));
        readings.grid = gridW(500, 1); // no sun at all, the house takes 500 W: Green does not charge
        readings.charger = chargerWithEnergy(10_000, 0);
        assertFalse(cycles(g, 1).chargeNow());
        readings.grid = gridW(500 + 7360, 1); // the car at 32 A from here on
        BoostStatus on = g.startBoost();
        assertTrue(on.active(), on.reason());
        assertEquals(5000.0, on.targetWh());
        ModeDecision d = cycles(g, 1);
        assertTrue(d.chargeNow());
        assertEquals(Double.POSITIVE_INFINITY, d.maxCurrentA(), "full power: only the other limits (DLM …) apply");
        readings.charger = chargerWithEnergy(12_100, 32);
        d = cycles(g, 1);
        assertEquals("Boost: 2.1 of 5.0 kWh", d.reason());
        assertEquals(2100.0, g.boost().deliveredWh(), 1e-9);
        readings.charger = chargerWithEnergy(15_000, 32);
        d = cycles(g, 1);
        assertFalse(g.boost().active());
        assertTrue(g.boost().reason().contains("its energy was delivered"), g.boost().reason());
        assertTrue(d.chargeNow(), "back to Green, which holds the charge at 6 A through the first minutes");
        assertEquals(6.0, d.maxCurrentA(), 1e-9);
        // … and pauses once the grid has given its allowance (1.38 kW for about 2 min).
        readings.charger = chargerWithEnergy(15_000, 6);
        readings.grid = gridW(1380 + 500, 1);
        assertFalse(cycles(g, 150).chargeNow());
        assertEquals(List.of(GreenEvents.BOOST_STARTED, GreenEvents.BOOST_STOPPED),
                posted.stream().map(Event::getTopic).toList());
        Event stopped = posted.get(1);
        assertEquals(5000.0, stopped.getProperty(GreenEvents.DELIVERED_WH));
        assertEquals("its energy was delivered", stopped.getProperty(ChargerEvents.REASON));
    }

    @Test
    void boostWithoutATargetLastsUntilTheChargeEnds() {
        GreenComponent g = green(config());
        readings.grid = gridW(500 + 7360, 1);
        readings.charger = chargerWithEnergy(0, 32);
        assertTrue(g.startBoost().active());
        readings.charger = chargerWithEnergy(40_000, 32);
        ModeDecision d = cycles(g, 1);
        assertTrue(d.chargeNow());
        assertEquals("Boost: 40.0 kWh, until the charge ends", d.reason());
        g.handleEvent(sessionStopped());
        readings.grid = gridW(500, 1);
        readings.charger = chargerWithEnergy(40_000, 0);
        assertFalse(g.boost().active());
        assertFalse(cycles(g, 1).chargeNow(), "Green again: no surplus, no charge");
        assertEquals("the charge ended", posted.get(1).getProperty(ChargerEvents.REASON));
    }

    @Test
    void boostIsSwitchedOffByHand() {
        GreenComponent g = green(config());
        readings.grid = gridW(3000, 1);
        readings.charger = chargerWithEnergy(0, 32);
        g.startBoost();
        assertTrue(cycles(g, 1).chargeNow());
        BoostStatus off = g.stopBoost();
        assertFalse(off.active());
        assertTrue(off.reason().contains("switched off"), off.reason());
        assertEquals(GreenEvents.BOOST_STOPPED, posted.get(1).getTopic());
    }

    @Test
    void boostIsRefusedOutsideTheGreenMode_andEndsWhenTheModeChanges() {
        GreenComponent g = green(config());
        mode = ChargingMode.FAST;
        BoostStatus refused = g.startBoost();
        assertFalse(refused.active());
        assertEquals("Boost refused: Boost works in Green mode only (manual §5.5); the active mode is FAST",
                refused.reason());
        assertTrue(posted.isEmpty());
        mode = ChargingMode.GREEN;
        assertTrue(g.startBoost().active());
        g.handleEvent(new Event(ChargerEvents.STATUS_CHANGED, Map.of(ChargerEvents.MODE, "FAST")));
        assertFalse(g.boost().active());
        assertTrue(g.boost().reason().contains("the active mode is now FAST"), g.boost().reason());
    }

    @Test
    void boostIsRefusedWithoutTheChargingCore() {
        GreenComponent g = green(config());
        g.statusService = null;
        assertEquals("Boost refused: the charging core is not running", g.startBoost().reason());
    }

    @Test
    void boostEnergyIsCountedFromThePowerWhenTheMeterCountsNone() {
        GreenComponent g = green(config("boostEnergyWh", "1000"));
        readings.grid = gridW(3000, 1);
        readings.charger = charger(32); // 7360 W, no energy register
        g.startBoost();
        cycles(g, 60);
        assertEquals(7360.0 / 60, g.boost().deliveredWh(), 1e-6);
    }

    @Test
    void theNextSessionsCarIsJudgedOnItsOwnPhases() {
        GreenComponent g = green(config("startDelayS", "0", "smoothingS", "0"));
        readings.grid = gridW(-1000, 3);
        readings.charger = charger(8, 0, 0); // a single-phase car on L1
        assertTrue(cycles(g, 1).chargeNow());
        g.handleEvent(sessionStopped());
        readings.charger = charger(0, 0, 0);
        readings.grid = gridW(-2000, 3);
        // Not judged on the last car's phase: a car not seen drawing yet starts as a single-phase car would …
        ModeDecision d = cycles(g, 1);
        assertTrue(d.chargeNow(), d.reason());
        assertTrue(d.reason().contains("not seen drawing yet"), d.reason());
        // … and this one draws on three phases: 4.14 kW needed, 2 kW is not enough, paused at once.
        readings.charger = charger(6, 6, 6);
        readings.grid = gridW(4140 - 2000, 3);
        d = cycles(g, 1);
        assertFalse(d.chargeNow(), d.reason());
        readings.charger = charger(0, 0, 0);
        readings.grid = gridW(-2000, 3);
        assertFalse(cycles(g, 600).chargeNow(), "the car draws on three phases: 4.14 kW needed");
    }

    @Test
    void aBadValueIsRejectedByNameAndThePreviousConfigurationStays() {
        GreenComponent g = green(config("minGreenLevelPct", "75", "startDelayS", "0", "smoothingS", "0"));
        g.modified(config("minGreenLevelPct", "150", "minExportedW", "-100", "boostEnergyWh", "-1"));
        assertEquals(List.of(
                new ConfigurationRejection(GreenConfig.PID, "boostEnergyWh", "-1",
                        "must be >= 0 Wh (0 = until the charge ends)"),
                new ConfigurationRejection(GreenConfig.PID, "minExportedW", "-100", "must be >= 0 W (0 = none)"),
                new ConfigurationRejection(GreenConfig.PID, "minGreenLevelPct", "150", "must be 0..100 %")),
                g.rejections());
        readings.grid = gridW(-1100, 1);
        readings.charger = charger(0);
        ModeDecision d = cycles(g, 1);
        assertTrue(d.chargeNow(), "75 % stays in force: " + d.reason());
        g.modified(config("minGreenLevelPct", "100"));
        assertEquals(List.of(), g.rejections());
        d = cycles(g, 1);
        assertTrue(d.reason().startsWith("Green 100 %: surplus 1100 W"), d.reason());
    }

    @Test
    void everyBadKeyIsListedAndLogged() {
        List<String> log = new ArrayList<>();
        GreenComponent.Configured c = GreenComponent.configure(config("minGreenLevelPct", "lots", "minOnS", ""),
                null, log::add);
        assertEquals(List.of("minGreenLevelPct", "minOnS"),
                c.rejections().stream().map(ConfigurationRejection::key).toList());
        c = GreenComponent.configure(config("minGreenLevelPct", "-1", "smoothingS", "601", "cloudImportWh", "-5"),
                null, log::add);
        assertEquals(List.of("cloudImportWh", "minGreenLevelPct", "smoothingS"),
                c.rejections().stream().map(ConfigurationRejection::key).toList());
        assertTrue(log.get(1).contains("org.infinergi.green: minGreenLevelPct=-1 rejected: must be 0..100 %"),
                log.get(1));
    }

    @Test
    void aRejectedFirstConfigurationPausesOnTheSafeSide() {
        GreenComponent g = green(config("minGreenLevelPct", "-10"));
        readings.grid = gridW(-5000, 1);
        readings.charger = charger(0);
        ModeDecision d = g.decide();
        assertFalse(d.chargeNow());
        assertTrue(d.reason().contains("org.infinergi.green rejected"), d.reason());
        assertFalse(g.decide(50).chargeNow());
        assertEquals("-10", g.rejections().get(0).value());
    }

    @Test
    void theDefaultsAreTheManuals() {
        GreenComponent.Configured c = GreenComponent.configure(config(), null, s -> { });
        assertEquals(100, c.settings().minGreenLevelPct());
        assertEquals(0, c.settings().minExportedW());
        assertEquals(0, c.settings().boostEnergyWh());
        assertEquals(Instant.EPOCH.plusSeconds(120), Instant.EPOCH.plus(c.settings().minOn()));
    }
}
