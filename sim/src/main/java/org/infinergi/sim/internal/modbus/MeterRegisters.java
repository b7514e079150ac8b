package org.infinergi.sim.internal.modbus;

import org.infinergi.sim.internal.WorldState;

/**
 * What the simulated devices' input registers hold for a world state: IEEE-754 float32, high word first, 0-based
 * addresses. Pure functions, so the layouts are tested without a network.
 */
final class MeterRegisters {

    /** Registers of the Eastron image: up to the total energy at 0x0156. */
    static final int EASTRON_SIZE = 0x0158;
    /** Registers of the CT remote device (docs/meters.md). */
    static final int CT_REMOTE_SIZE = 0x0010;

    private MeterRegisters() {
    }

    /**
     * The MID meter between the supply and the charger, in Eastron's layout (SDM630 / SDM72D-M v2, which the
     * SDM230 shares for its one phase): per-phase V, I, P from 0x0000, total power 0x0034, frequency 0x0046,
     * import/export energy 0x0048/0x004A and total energy 0x0156 in kWh. It measures what the EV draws.
     */
    static int[] eastron(WorldState w) {
        int[] r = new int[EASTRON_SIZE];
        double[] v = w.mainsVoltagesV();
        double[] i = w.phaseCurrentsA();
        for (int p = 0; p < 3; p++) {
            put(r, 0x0000 + 2 * p, v[p]);
            put(r, 0x0006 + 2 * p, i[p]);
            put(r, 0x000C + 2 * p, v[p] * i[p]);
        }
        put(r, 0x0034, w.evPowerW());
        put(r, 0x0046, 50.0);
        put(r, 0x0048, w.evEnergyWh() / 1000.0);
        put(r, 0x004A, 0.0);
        put(r, 0x0156, w.evEnergyWh() / 1000.0);
        return r;
    }

    /**
     * The CT remote device at the grid connection: the house draws nothing in this world yet, so the grid carries
     * the EV's current; voltages are the mains'.
     */
    static int[] ctRemote(WorldState w) {
        int[] r = new int[CT_REMOTE_SIZE];
        double[] v = w.mainsVoltagesV();
        double[] i = w.phaseCurrentsA();
        for (int p = 0; p < 3; p++) {
            put(r, 0x0000 + 2 * p, v[p]);
            put(r, 0x0006 + 2 * p, i[p]);
        }
        put(r, 0x000C, w.evPowerW());
        put(r, 0x000E, w.evEnergyWh() / 1000.0);
        return r;
    }

    private static void put(int[] r, int address, double value) {
        int bits = Float.floatToIntBits((float) value);
        r[address] = bits >>> 16;
        r[address + 1] = bits & 0xFFFF;
    }
}
