package org.infinergi.sim.internal;

import org.infinergi.core.charging.api.Device;
import org.infinergi.core.charging.hal.BoardWiring;
import org.infinergi.sim.hw.SimBoard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The world on the simulated board, stepped by one thread. The world runs from power-up; it is built as the label
 * says once the label is known, and wired to the board once the pilot driver's map is known too: only then are its
 * levels on the pins and channels the driver reads, and only then is the board offered to the firmware (the pi4j
 * context), so a driver's first read already sees the world.
 */
final class WorldOnBoard {

    private static final Logger LOG = LoggerFactory.getLogger(WorldOnBoard.class);

    private final SimConfig config;
    private final World world;
    private final SimBoard board;
    private final Runnable offerBoard;
    private WorldBinding binding;
    private int modelPhases;
    private Boolean modelTethered;

    /** @param offerBoard called once, on the stepping thread, when the board is first wired (registers the context) */
    WorldOnBoard(SimConfig config, World world, SimBoard board, Runnable offerBoard) {
        this.config = config;
        this.world = world;
        this.board = board;
        this.offerBoard = offerBoard;
    }

    /**
     * One step of {@code dtS} seconds after following the label and the map as they are now.
     *
     * @param label the core's label, null while it has none
     * @param map   the pilot driver's board map, null while it has none (the board keeps its last wires)
     */
    void step(double dtS, Device label, BoardWiring map) {
        follow(label, map);
        if (binding != null) {
            binding.tick(dtS);
        } else {
            world.step(dtS, PilotDrive.OFF, false, false, false);
        }
    }

    /** Whether the board is wired to the world (and offered to the firmware). */
    boolean wired() {
        return binding != null;
    }

    private void follow(Device label, BoardWiring map) {
        if (label != null) {
            model(config.mainsPhases() != 0 ? config.mainsPhases() : label.phases(), label.tethered());
        }
        if (modelTethered == null || map == null || (binding != null && binding.wiring() == map)) {
            return;
        }
        boolean first = binding == null;
        // The world's levels are on the pins before any driver sees the board (a real board shows them from
        // power-up): a driver started by the offer reads the healthy world, not pi4j's defaults.
        binding = new WorldBinding(board, world, map);
        if (first) {
            offerBoard.run();
        }
    }

    private void model(int phases, boolean tethered) {
        if (phases == modelPhases && Boolean.valueOf(tethered).equals(modelTethered)) {
            return;
        }
        world.setModel(phases, tethered, config.cableResistanceOhm());
        modelPhases = phases;
        modelTethered = tethered;
        LOG.info("Simulated world built as the label says: {} phase(s), {}", phases,
                tethered ? "fixed cable" : "socket with a " + config.cableResistanceOhm() + " Ω cable");
    }
}
