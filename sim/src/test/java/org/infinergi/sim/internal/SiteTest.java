package org.infinergi.sim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.hal.AdcChannel;
import org.infinergi.core.charging.hal.CtWiring;
import org.infinergi.core.charging.testing.FakeBoardWiring;
import org.infinergi.sim.hw.Mcp3208;
import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The household and PV plant behind the grid connection (POST /api/sim/site), and what the CTs see of it. */
class SiteTest {

    private final World world = new World(new double[] {230, 230, 230}, 3, 0.0, 16, 3, true, 0.2);
    private final SimServlet servlet = new SimServlet(new WorldControl(world, new CopyOnWriteArrayList<>()));
    private final SimBoard board = new SimBoard();

    @AfterEach
    void tearDown() {
        board.close();
    }

    /** The EV charging at 16 A on three phases (the contactor closed under an offer). */
    private void charge16() {
        world.act(EvAction.CHARGE, 16.0, 3);
        for (int k = 0; k < 3; k++) {
            world.step(0.02, new PilotDrive(true, 26.7, 1000), true);
        }
    }

    @Test
    void theGridCarriesHousePlusChargerMinusPv_pvSpreadEvenly() {
        charge16();
        world.setSite(new double[] {1000, 0, 500}, 9000);
        WorldState.Site site = world.state().site();
        double ev = 230 * world.phaseCurrentsA()[0];
        assertTrue(ev > 3000, "the EV draws on every phase: " + ev);
        assertArrayEquals(new double[] {1000 + ev - 3000, ev - 3000, 500 + ev - 3000}, site.gridPowersW(), 1e-6);
        assertEquals((1000 + ev - 3000) / 230, site.gridCurrentsA()[0], 1e-9);
        assertEquals(1500 + 3 * ev - 9000, site.gridPowerW(), 1e-6);
    }

    @Test
    void importAndExportEnergyAreCountedApart() {
        world.setSite(new double[] {3600, 0, 0}, 0);
        world.step(1.0, PilotDrive.OFF, false);
        world.setSite(new double[] {0, 0, 0}, 7200);
        world.step(1.0, PilotDrive.OFF, false);
        WorldState.Site s = world.state().site();
        assertEquals(1.0, s.gridImportWh(), 1e-9);
        assertEquals(2.0, s.gridExportWh(), 1e-9);
    }

    @Test
    void postSite_setsTheSite_andGetShowsIt() {
        SimServlet.Answer a = servlet.post("/site", "{\"houseW\": [500, 300, 200], \"pvW\": 3000}");
        assertEquals(200, a.status());
        WorldState.Site site = ((WorldState) a.body()).site();
        assertArrayEquals(new double[] {500, 300, 200}, site.houseW());
        assertEquals(3000, site.pvW());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) servlet.stateJson().get("site");
        assertEquals(List.of(500.0, 300.0, 200.0), json.get("houseW"));
        assertEquals(List.of(-500.0, -700.0, -800.0), json.get("gridPowersW"));
    }

    @Test
    void postSite_badBodiesAre400NamingTheField() {
        assertBad("{\"houseW\": [500, 300], \"pvW\": 0}", "'houseW' must be an array of 3 numbers");
        assertBad("{\"houseW\": [500, -1, 0], \"pvW\": 0}", "'houseW[1]' must be a number from 0 to 23000");
        assertBad("{\"houseW\": [0, 0, 0], \"pvW\": \"sunny\"}", "'pvW' must be a number from 0 to 69000");
        assertBad("{\"houseW\": [0, 0, 0]}", "missing 'pvW'");
        assertBad("{\"houseW\": [0, 0, 0], \"pvW\": 0, \"windW\": 5}", "windW");
        assertBad("{\"houseW\": [0, 0, 0], \"pvW\": 0} {}", "not valid JSON");
        assertEquals(0.0, world.state().site().pvW(), "nothing applied");
    }

    @Test
    void aLoadOnL2OfASinglePhaseSupplyIs409() {
        World single = new World(new double[] {230, 230, 230}, 1, 0.0, 16, 1, true, 0.2);
        SimServlet s = new SimServlet(new WorldControl(single, new CopyOnWriteArrayList<>()));
        SimServlet.Answer a = s.post("/site", "{\"houseW\": [500, 300, 0], \"pvW\": 1000}");
        assertEquals(409, a.status());
        assertEquals(200, s.post("/site", "{\"houseW\": [500, 0, 0], \"pvW\": 1000}").status());
        assertEquals(-500.0, single.state().site().gridPowerW(), 1e-9, "all the PV on L1");
    }

    private void assertBad(String body, String mentions) {
        SimServlet.Answer a = servlet.post("/site", body);
        assertEquals(400, a.status(), body);
        @SuppressWarnings("unchecked")
        String msg = ((Map<String, Object>) a.body()).get("error").toString();
        assertTrue(msg.contains(mentions), body + " → " + msg);
    }

    /** The CTs see sine waves of the grid's current, in phase with the voltage on import and opposed on export. */
    @Test
    void theCtChannelsCarryTheGridCurrentAsASineWave() {
        AdcChannel i1 = new AdcChannel(1, 2, 0, 0.0732600733, -150.0);
        AdcChannel v1 = new AdcChannel(1, 2, 3, 0.2442002442, -500.0);
        CtWiring ct = new CtWiring() {
            @Override
            public List<AdcChannel> currents() {
                return List.of(i1, new AdcChannel(1, 2, 1, 0.0732600733, -150.0),
                        new AdcChannel(1, 2, 2, 0.0732600733, -150.0));
            }

            @Override
            public List<AdcChannel> voltages() {
                return List.of(v1, new AdcChannel(1, 2, 4, 0.2442002442, -500.0),
                        new AdcChannel(1, 2, 5, 0.2442002442, -500.0));
            }
        };
        WorldBinding binding = new WorldBinding(board, world, new FakeBoardWiring());
        world.setSite(new double[] {0, 0, 0}, 3 * 2300); // 10 A exported on each phase
        binding.ct(ct);
        Mcp3208 chip = board.adc(1, 2);
        long[] now = {0};
        chip.setClock(() -> now[0]);
        now[0] = 5_000_000; // a quarter cycle: the voltage at its positive peak
        assertEquals(230 * Math.sqrt(2), value(chip, v1), 0.5);
        assertEquals(-10 * Math.sqrt(2), value(chip, i1), 0.1, "export: the current opposes the voltage");
    }

    /** One conversion of the channel through the SPI frame, scaled back. */
    private static double value(Mcp3208 chip, AdcChannel ch) {
        byte[] rx = chip.exchange(new byte[] {(byte) (0b110 | (ch.channel() >> 2)), (byte) ((ch.channel() & 3) << 6), 0});
        return (((rx[1] & 0x0F) << 8) | (rx[2] & 0xFF)) * ch.gain() + ch.offset();
    }
}
