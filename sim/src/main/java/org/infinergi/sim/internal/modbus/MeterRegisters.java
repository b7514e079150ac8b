package org.infinergi.sim.internal.modbus;

import org.infinergi.sim.internal.WorldState;

/**
 * What the simulated devices' registers hold for a world state, in each vendor's own layout (0-based addresses):
 * Eastron and LUMEL float32 high word first in input registers, Carlo Gavazzi INT32 low word first, IVY float32 in
 * holding registers with power in kW. Written from the vendors' documents, not from the firmware's maps, so the
 * firmware is read against an independent image. Pure functions, so the layouts are tested without a network.
 */
final class MeterRegisters {

    /**
     * A simulated MID meter model: its registers for a world state, whether it answers function 03 or 04, and its
     * factory serial parity (IVY: EVEN; the others NONE; all 9600 baud, one stop bit, unit 1).
     */
    record Layout(String model, boolean holding, java.util.function.Function<WorldState, int[]> registers) {

        String parity() {
            return holding ? "EVEN" : "NONE";
        }
    }

    /** Registers of the Carlo Gavazzi images: up to the EM340's export energy at 0x004E. */
    static final int GAVAZZI_SIZE = 0x0050;
    /** Registers of the IVY image: up to the reverse energy at 0x0110. */
    static final int IVY_SIZE = 0x0112;

    /**
     * The layout of the MID meter model printed on the meter ({@code SDM230}, {@code EM340}, {@code DTS353F-2} …);
     * the Eastron layout for an empty name (the simulation's default).
     */
    static Layout layout(String model) {
        String m = model == null ? "" : model.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (m) {
            case "", "SDM230", "SDM72D", "SDM72D-V1", "NMID30-2" -> new Layout(m.isEmpty() ? "SDM72D" : m, false,
                    MeterRegisters::eastron);
            case "EM340" -> new Layout(m, false, MeterRegisters::em340);
            case "EM111" -> new Layout(m, false, MeterRegisters::em111);
            case "DTS353F-2", "EM519033", "EM118090" -> new Layout(m, true, MeterRegisters::ivy);
            default -> throw new IllegalArgumentException("midMeterModel must be one of SDM230, SDM72D, SDM72D-V1, "
                    + "EM111, EM340, NMID30-2, EM118090, EM519033, DTS353F-2; was '" + model + "'");
        };
    }

    /** Carlo Gavazzi EM340: V ×0.1 at 0x0000, I ×0.001 at 0x000C, P ×0.1 at 0x0012/0x0028, kWh ×0.1 at 0x0034. */
    static int[] em340(WorldState w) {
        int[] r = new int[GAVAZZI_SIZE];
        double[] v = w.mainsVoltagesV();
        double[] i = w.phaseCurrentsA();
        for (int p = 0; p < 3; p++) {
            lowFirst(r, 0x0000 + 2 * p, v[p] * 10);
            lowFirst(r, 0x000C + 2 * p, i[p] * 1000);
            lowFirst(r, 0x0012 + 2 * p, v[p] * i[p] * 10);
        }
        lowFirst(r, 0x0028, w.evPowerW() * 10);
        r[0x0033] = 500;
        lowFirst(r, 0x0034, w.evEnergyWh() / 100);
        return r;
    }

    /** Carlo Gavazzi EM111 (single-phase, L1): V ×0.1 at 0x0000, I ×0.001 at 0x0002, P ×0.1 at 0x0004, kWh ×0.1 at 0x0010. */
    static int[] em111(WorldState w) {
        int[] r = new int[GAVAZZI_SIZE];
        lowFirst(r, 0x0000, w.mainsVoltagesV()[0] * 10);
        lowFirst(r, 0x0002, w.phaseCurrentsA()[0] * 1000);
        lowFirst(r, 0x0004, w.evPowerW() * 10);
        r[0x000F] = 500;
        lowFirst(r, 0x0010, w.evEnergyWh() / 100);
        return r;
    }

    /**
     * IVY (DTS353F-2 layout, which the EM519033 and EM118090 are simulated with): V 0x000E, Hz 0x0014, I 0x0016,
     * total P 0x001C and per-phase P 0x001E in kW, total/import/export kWh at 0x0100/0x0108/0x0110.
     */
    static int[] ivy(WorldState w) {
        int[] r = new int[IVY_SIZE];
        double[] v = w.mainsVoltagesV();
        double[] i = w.phaseCurrentsA();
        for (int p = 0; p < 3; p++) {
            put(r, 0x000E + 2 * p, v[p]);
            put(r, 0x0016 + 2 * p, i[p]);
            put(r, 0x001E + 2 * p, v[p] * i[p] / 1000.0);
        }
        put(r, 0x0014, 50.0);
        put(r, 0x001C, w.evPowerW() / 1000.0);
        put(r, 0x0100, w.evEnergyWh() / 1000.0);
        put(r, 0x0108, w.evEnergyWh() / 1000.0);
        put(r, 0x0110, 0.0);
        return r;
    }

    private static void lowFirst(int[] r, int address, double value) {
        int raw = (int) Math.round(value);
        r[address] = raw & 0xFFFF;
        r[address + 1] = (raw >>> 16) & 0xFFFF;
    }

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
     * The CT remote device at the grid connection: it measures house + charger − PV (the site, POST /api/sim/site),
     * currents and power signed (+ import, − export), import energy counted; voltages are the mains'.
     */
    static int[] ctRemote(WorldState w) {
        int[] r = new int[CT_REMOTE_SIZE];
        double[] v = w.mainsVoltagesV();
        double[] i = w.site().gridCurrentsA();
        for (int p = 0; p < 3; p++) {
            put(r, 0x0000 + 2 * p, v[p]);
            put(r, 0x0006 + 2 * p, i[p]);
        }
        put(r, 0x000C, w.site().gridPowerW());
        put(r, 0x000E, w.site().gridImportWh() / 1000.0);
        return r;
    }

    /**
     * A Modbus grid meter (Eastron layout, as {@link #eastron}) at the grid connection, on the RS485 line beside the
     * MID meter: house + charger − PV per phase, signed (+ import, − export), import and export energy in kWh.
     */
    static int[] eastronGrid(WorldState w) {
        int[] r = new int[EASTRON_SIZE];
        double[] v = w.mainsVoltagesV();
        WorldState.Site site = w.site();
        for (int p = 0; p < 3; p++) {
            put(r, 0x0000 + 2 * p, v[p]);
            put(r, 0x0006 + 2 * p, site.gridCurrentsA()[p]);
            put(r, 0x000C + 2 * p, site.gridPowersW()[p]);
        }
        put(r, 0x0034, site.gridPowerW());
        put(r, 0x0046, 50.0);
        put(r, 0x0048, site.gridImportWh() / 1000.0);
        put(r, 0x004A, site.gridExportWh() / 1000.0);
        put(r, 0x0156, (site.gridImportWh() + site.gridExportWh()) / 1000.0);
        return r;
    }

    private static void put(int[] r, int address, double value) {
        int bits = Float.floatToIntBits((float) value);
        r[address] = bits >>> 16;
        r[address + 1] = bits & 0xFFFF;
    }
}
