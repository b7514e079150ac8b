package org.infinergi.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;

import org.infinergi.core.charging.hal.BoardWiring;
import org.infinergi.core.charging.hal.GpioPin;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.FakeBoardWiring;
import org.infinergi.core.charging.testing.FakeDevice;
import org.infinergi.sim.hw.Mcp3208;
import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The world runs from power-up without the firmware; the label and the pilot driver's wiring come from their owners'
 * services when they appear, and the board is offered to the firmware only once the world sits on its pins.
 */
class WorldOnBoardTest {

    private final SimConfig config = Defaults.of(SimConfig.class);
    private final World world = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3, true, 0.2);
    private final SimBoard board = new SimBoard();
    private final AtomicInteger offers = new AtomicInteger();
    private final WorldOnBoard onBoard = new WorldOnBoard(config, world, board, offers::incrementAndGet);

    @AfterEach
    void tearDown() {
        board.close();
    }

    @Test
    void theWorldRunsBeforeTheFirmwareAndTheBoardIsOfferedOnlyOnceWiredAsTheLabelSays() {
        onBoard.step(0.5, null, null);
        assertEquals(0.5, world.state().timeS(), 1e-9, "the world runs from power-up");
        onBoard.step(0.02, null, new FakeBoardWiring());
        assertEquals(0, offers.get(), "no board for the drivers before the label says which model it is");
        assertFalse(onBoard.wired());

        onBoard.step(0.02, new FakeDevice().phases(1).tethered(false), null);
        assertEquals(0, offers.get(), "no board for the drivers before the pilot driver says where its pins are");
        assertEquals(0.0, world.mainsVoltagesV()[1], "a single-phase label: no voltage on L2");
        assertEquals(220.0, world.proximityResistanceOhm(), "an untethered label: the configured cable in the socket");

        onBoard.step(0.02, new FakeDevice().phases(1).tethered(false), new FakeBoardWiring());
        assertEquals(1, offers.get());
        assertTrue(onBoard.wired());
        Context ctx = board.context();
        DigitalInput earth = ctx.create(DigitalInput.newConfigBuilder(ctx).id("earth").address(20));
        assertTrue(earth.isHigh(), "a driver's first read of the earth monitor sees the earth (no I1 at boot)");
        assertEquals(Math.round(Mcp3208.MAX_COUNTS * 220 / 1220.0), board.adc(0, 0).counts(2), "PP: 220 Ω cable");
    }

    @Test
    void aNewMapRewiresTheBoardWithoutOfferingItAgain() {
        FakeDevice label = new FakeDevice();
        onBoard.step(0.02, label, new FakeBoardWiring());
        BoardWiring activeLow = new FakeBoardWiring().earthMonitor(new GpioPin(20, false));
        onBoard.step(0.02, label, activeLow);
        assertEquals(1, offers.get());
        Context ctx = board.context();
        assertFalse(ctx.create(DigitalInput.newConfigBuilder(ctx).id("e").address(20)).isHigh(),
                "earth present on an active-low monitor");
        onBoard.step(0.02, label, null);
        assertTrue(onBoard.wired(), "a board keeps its wires while the driver is away");
    }

    @Test
    void theConfiguredSupplyPhasesWinOverTheLabel() {
        WorldOnBoard single = new WorldOnBoard(Defaults.of(SimConfig.class, Map.of("mainsPhases", 1)), world, board,
                offers::incrementAndGet);
        single.step(0.02, new FakeDevice().phases(3), new FakeBoardWiring());
        assertEquals(1, world.state().mainsPhases());
    }
}
