package org.infinergi.sim.internal.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.infinergi.driver.modbusmeters.bus.Encoding;
import org.infinergi.driver.modbusmeters.bus.Field;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.infinergi.driver.modbusmeters.eastron.internal.Sdm230Model;
import org.infinergi.driver.modbusmeters.eastron.internal.Sdm72dModel;
import org.infinergi.driver.modbusmeters.eastron.internal.Sdm72dV1Model;
import org.infinergi.driver.modbusmeters.gavazzi.internal.Em111Model;
import org.infinergi.driver.modbusmeters.gavazzi.internal.Em340Model;
import org.infinergi.driver.modbusmeters.ivy.internal.Dts353f2Model;
import org.infinergi.driver.modbusmeters.ivy.internal.Em118090Model;
import org.infinergi.driver.modbusmeters.ivy.internal.Em519033Model;
import org.infinergi.driver.modbusmeters.lumel.internal.Nmid302Model;
import org.infinergi.sim.internal.EvAction;
import org.infinergi.sim.internal.PilotDrive;
import org.infinergi.sim.internal.World;
import org.infinergi.sim.internal.WorldState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulated MID meter played as each of the nine models of manual §4.7 (org.infinergi.sim midMeterModel) holds,
 * where the firmware's vendor bundle reads it, what the world's car draws: the sim's layouts are written from the
 * vendors' documents and the firmware's maps are data of their own, so a sim image configured with any of the nine
 * models (and its serial line: function, parity) reads the car's values, not a D9 or numbers off by a scale.
 */
class SimLayoutsAgreeWithTheFirmwareMapsTest {

    static Stream<MeterModel> models() {
        return Stream.of(new Sdm230Model(), new Sdm72dModel(), new Sdm72dV1Model(), new Em111Model(), new Em340Model(),
                new Nmid302Model(), new Em118090Model(), new Em519033Model(), new Dts353f2Model());
    }

    /**
     * A car charging at 16 A for an hour on a supply of the meter's phases (a single-phase meter sits in a
     * single-phase charger): every quantity a map reads is non-zero, the phases distinct.
     */
    private static WorldState charging(int phases) {
        double[] mains = phases == 3 ? new double[] {230, 231, 229} : new double[] {230, 0, 0};
        World world = new World(mains, phases, 0.05, 16, phases);
        world.act(EvAction.CHARGE, 16.0, phases);
        PilotDrive offer16A = new PilotDrive(true, 16 / 0.6, 1000);
        for (int i = 0; i < 100; i++) {
            world.step(0.02, offer16A, true);
        }
        for (int i = 0; i < 3600; i++) {
            world.step(1.0, offer16A, true);
        }
        return world.state();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theFirmwaresMapReadsTheCarsValuesFromTheSimulatedMeter(MeterModel model) {
        RegisterMap map = model.registerMap();
        MeterRegisters.Layout layout = MeterRegisters.layout(map.model());
        WorldState w = charging(map.phases());
        assertTrue(w.evPowerW() > 3_000 && w.evEnergyWh() > 3_000, "the car charges: " + w.evPowerW() + " W");
        int[] registers = layout.registers().apply(w);

        assertEquals(map.function() == RegisterMap.Function.READ_HOLDING_REGISTERS, layout.holding(),
                "function 03 (holding) or 04 (input)");
        assertEquals(model.serialDefaults().parity(), layout.parity(), "the serial line's parity");
        for (Field f : map.fields()) {
            double read = decode(registers, f, map.wordOrder()) * f.scale();
            // an INT32 register counts in its scale's steps (0.1 kWh = 100 Wh): the sim rounds to a step
            double step = f.encoding() == Encoding.FLOAT32 ? Math.max(1e-3, Math.abs(expected(w, f)) * 1e-6)
                    : f.scale();
            assertEquals(expected(w, f), read, step, f.quantity() + " at 0x" + Integer.toHexString(f.address()));
        }
    }

    /** What the car's meter measures for the quantity of {@code f}, in V, A, W, Wh. */
    private static double expected(WorldState w, Field f) {
        return switch (f.quantity()) {
            case VOLTAGE_L1, VOLTAGE_L2, VOLTAGE_L3 -> w.mainsVoltagesV()[f.quantity().phase()];
            case CURRENT_L1, CURRENT_L2, CURRENT_L3 -> w.phaseCurrentsA()[f.quantity().phase()];
            case POWER -> w.evPowerW();
            case IMPORT_ENERGY -> w.evEnergyWh();
        };
    }

    /** The field's raw value as the meter holds it (the maps use 32-bit values only). */
    private static double decode(int[] r, Field f, RegisterMap.WordOrder order) {
        int a = f.address();
        int bits = order == RegisterMap.WordOrder.HIGH_FIRST ? r[a] << 16 | r[a + 1] : r[a + 1] << 16 | r[a];
        return switch (f.encoding()) {
            case FLOAT32 -> Float.intBitsToFloat(bits);
            case INT32 -> bits;
            default -> throw new AssertionError(f.encoding() + " is in no MID meter map");
        };
    }
}
