package org.infinergi.sim.internal.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;

import org.infinergi.core.charging.hal.PanelWiring;
import org.infinergi.core.charging.testing.FakePanelWiring;
import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated panel board on the mock platform: keys, LED observer, panel link; the firmware side is played by the test. */
class PanelBenchTest {

    private final SimBoard board = new SimBoard();
    private final Context pi4j = board.context();
    private long now = 0;
    private final PanelWiring wiring = new FakePanelWiring();
    private final PanelBench bench = new PanelBench(pi4j, () -> wiring, now);

    @AfterEach
    void tearDown() {
        board.close();
    }

    private DigitalOutput out(int pin) {
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("o" + pin).address(pin).initial(DigitalState.LOW));
    }

    private DigitalInput in(int pin) {
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("i" + pin).address(pin));
    }

    private void run(long ms) {
        for (long t = 0; t < ms; t += 10) {
            now += 10;
            bench.step(now);
        }
    }

    @Test
    void aPressHoldsTheInputForHoldMsOfSimulatedTime() {
        DigitalInput multi = in(5);
        run(20);
        assertFalse(multi.isHigh());
        SimPanel.PressResult r = bench.press("multi", 500);
        assertEquals(List.of(5), r.pins());
        assertTrue(r.attached());
        assertTrue(multi.isHigh(), "pressed at once");
        run(490);
        assertTrue(multi.isHigh());
        run(20);
        assertFalse(multi.isHigh(), "released after 500 ms");
    }

    @Test
    void leftPlusRightPressesBoth() {
        DigitalInput left = in(22);
        DigitalInput right = in(4);
        SimPanel.PressResult r = bench.press("left+right", 1000);
        assertEquals(List.of(22, 4), r.pins());
        assertTrue(left.isHigh() && right.isHigh());
        run(1010);
        assertFalse(left.isHigh() || right.isHigh());
    }

    @Test
    void activeLowKeysRestHigh() {
        PanelBench low = new PanelBench(pi4j, () -> new FakePanelWiring().keysActiveHigh(false), 0);
        DigitalInput up = in(17);
        low.step(10);
        assertTrue(up.isHigh(), "released = high with pull-up");
        low.press("up", 100);
        assertFalse(up.isHigh());
    }

    @Test
    void unknownButtonsAndHoldTimesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> bench.press("start", 100));
        assertThrows(IllegalArgumentException.class, () -> bench.press("multi", 0));
        SimPanel.PressResult r = bench.press("center", 100);
        assertFalse(r.attached(), "no firmware input on the pin");
    }

    @Test
    void panelLinkEchoesTheProbeUntilSilent() {
        DigitalOutput probe = out(2);
        DigitalInput echo = in(3);
        probe.high();
        run(10);
        assertTrue(echo.isHigh());
        probe.low();
        run(10);
        assertFalse(echo.isHigh());
        bench.setSilent(true);
        probe.high();
        run(50);
        assertFalse(echo.isHigh(), "silent: the echo no longer follows (D1 cause)");
        bench.setSilent(false);
        run(10);
        assertTrue(echo.isHigh());
    }

    @Test
    void seesTheColourAndPatternOnDigitalPins() {
        DigitalOutput r = out(13);
        DigitalOutput g = out(19);
        out(26);
        for (int i = 0; i < 800; i++) { // 8 s of periodic 1000 yellow: red + green
            boolean lit = (i * 10) % 1000 < 500;
            r.state(lit ? DigitalState.HIGH : DigitalState.LOW);
            g.state(lit ? DigitalState.HIGH : DigitalState.LOW);
            run(10);
        }
        LedView v = bench.led();
        assertEquals("YELLOW", v.colour());
        assertEquals("PERIODIC", v.pattern());
        assertEquals(1000, v.durationMs());
    }

    @Test
    void seesPwmDies() {
        Pwm b = pi4j.create(Pwm.newConfigBuilder(pi4j).id("b").address(26).initial(0));
        b.on(50, 1000);
        run(7000);
        assertEquals(new LedView("BLUE", "FIXED", null, null, "BLUE"), bench.led());
        b.off();
        run(7000);
        assertEquals("OFF", bench.led().pattern());
    }

    @Test
    void requestBodiesAreParsedOrRejectedWithTheAllowedList() {
        assertEquals(new ButtonRequest("left+right", 30000),
                ButtonRequest.parse("{\"button\":\"left+right\",\"holdMs\":30000}").request());
        assertEquals(200, ButtonRequest.parse("{\"button\":\"multi\"}").request().holdMs());
        var bad = ButtonRequest.parse("{\"button\":\"start\",\"holdMs\":100}").error();
        assertEquals(SimPanel.BUTTONS, bad.get("allowedButtons"));
        assertTrue(bad.get("error").toString().contains("start"));
        assertTrue(ButtonRequest.parse("{\"button\":\"up\",\"holdMs\":-1}").error() != null);
        assertTrue(ButtonRequest.parse("not json").error() != null);
    }
}
