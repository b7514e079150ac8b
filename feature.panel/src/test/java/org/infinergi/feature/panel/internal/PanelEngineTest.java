package org.infinergi.feature.panel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.pi4j.io.pwm.Pwm;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.FakeChargerControl;
import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The panel loop on pi4j's mock platform, time moved by the test. */
class PanelEngineTest {

    private final SimBoard board = new SimBoard();
    private final List<String> calls = new ArrayList<>();
    private long now = 1_000_000;
    private ChargerStatus status = Statuses.of(ChargerState.VEHICLE_NOT_CONNECTED);
    private PanelHardware hw;
    private PanelEngine engine;
    private final AuthIndication authorisation = new AuthIndication();
    /** Reads of the status service: once at start, then only at a (re)bind, a short press or an unreadable event. */
    private int reads;

    private final ChargerControl control = new FakeChargerControl(calls::add);

    private void start(Map<String, Object> overrides, Keypad keypad, boolean installationComplete) {
        start(overrides, keypad, () -> installationComplete);
    }

    private void start(Map<String, Object> overrides, Keypad keypad, java.util.function.BooleanSupplier complete) {
        PanelConfig config = Defaults.of(PanelConfig.class, overrides);
        hw = new Pi4jPanelHardware(board.context(), config, keypad, () -> now);
        PanelEngine.Settings s = PanelComponent.settings(config, complete, keypad);
        engine = new PanelEngine(hw, s, () -> {
            reads++;
            return status;
        }, () -> control, () -> calls.add("restart"),
                erase -> calls.add("reset erase=" + erase), () -> now, authorisation);
    }

    private void start() {
        start(Map.of(), Keypad.MULTIFUNCTION, true);
    }

    @AfterEach
    void tearDown() {
        if (hw != null) {
            hw.close();
        }
        board.close();
    }

    /** The core's status becomes {@code s} and the core tells it (STATUS_CHANGED, docs/events.md). */
    private void tell(ChargerStatus s) {
        status = s;
        engine.statusEvent(Statuses.event(s));
    }

    /** Moves time by {@code ms} in 10 ms ticks. */
    private void run(long ms) {
        for (long t = 0; t < ms; t += 10) {
            now += 10;
            engine.tick();
        }
    }

    private LedColour led() {
        return LedColour.of(board.digitalOutput(13).orElseThrow().isHigh(), board.digitalOutput(19).orElseThrow().isHigh(),
                board.digitalOutput(26).orElseThrow().isHigh());
    }

    private boolean buzzer() {
        return board.digitalOutput(6).orElseThrow().isHigh();
    }

    /** The colours shown at each 10 ms over {@code ms}, compressed to "COLOUR×duration" runs. */
    private String watch(long ms) {
        StringBuilder sb = new StringBuilder();
        LedColour prev = null;
        int run = 0;
        for (long t = 0; t < ms; t += 10) {
            now += 10;
            engine.tick();
            LedColour c = led();
            if (c != prev && prev != null) {
                sb.append(prev).append('×').append(run).append(' ');
                run = 0;
            }
            prev = c;
            run += 10;
        }
        return sb.append(prev).append('×').append(run).toString();
    }

    private void press(Button b, long holdMs) {
        board.setInput(Pi4jPanelHardware.address(Defaults.of(PanelConfig.class), b), true);
        run(holdMs);
        board.setInput(Pi4jPanelHardware.address(Defaults.of(PanelConfig.class), b), false);
        run(40);
    }

    @Test
    void startsWithTheStartupBlinkAndBeepThenFollowsTheState() {
        start();
        engine.tick();
        assertEquals(LedColour.WHITE, led(), "§8 startup: single blink");
        assertTrue(buzzer(), "§4.10.1 startup acoustic signal");
        assertEquals("WHITE×590 OFF×1000", watch(1590));
        assertFalse(buzzer());
        tell(Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true));
        assertEquals("GREEN×500 OFF×500 GREEN×500 OFF×500", watch(2000), "§8 charging: periodic 1000");
    }

    /** Manual §7.2.2 "Buttons sound": a key pressed clicks, and the user can turn it off. */
    @Test
    void aKeyPressed_clicks() {
        start();
        run(1600);
        assertFalse(buzzer(), "the startup signal is over");
        board.setInput(Pi4jPanelHardware.address(Defaults.of(PanelConfig.class), Button.MULTI), true);
        run(10);
        assertTrue(buzzer(), "the key's acoustic signal");
        run(100);
        assertFalse(buzzer(), "a click, not a tone, although the key is still held");
    }

    @Test
    void buttonsSoundOff_aKeyPressedIsSilent() {
        start(Map.of("buttonsSound", false), Keypad.MULTIFUNCTION, true);
        run(1600);
        board.setInput(Pi4jPanelHardware.address(Defaults.of(PanelConfig.class), Button.MULTI), true);
        for (int i = 0; i < 10; i++) {
            run(10);
            assertFalse(buzzer(), "buttons sound off");
        }
    }

    /** Manual §4.10: the installer's confirmation reaches the logo at once, the panel keeps running. */
    @Test
    void installationConfirmedWhileRunning_theLogoStopsAskingForIt() {
        org.infinergi.core.charging.testing.FakeInstallation installation =
                new org.infinergi.core.charging.testing.FakeInstallation().complete(false);
        start(Map.of(), Keypad.MULTIFUNCTION, installation::installationComplete);
        run(1500);
        String before = watch(2000);
        assertTrue(before.contains("YELLOW×500 OFF×500 YELLOW×500"), "§8 incomplete installation: " + before);
        installation.complete(true);
        assertFalse(watch(2000).contains("YELLOW"), "installation complete: the state's own row");
    }

    @Test
    void cardEvents_playTheAuthenticationRows_thenTheStateAgain() {
        start();
        run(1500);
        tell(Statuses.of(ChargerState.WAITING_FOR_AUTHENTICATION, PilotState.B, 0, false));
        assertEquals("BLUE×100", watch(100));
        authorisation.on(org.infinergi.core.charging.api.ChargerEvents.CARD_PRESENTED, now);
        assertEquals("CYAN×500 OFF×500", watch(1000), "§8 authorisation request: single blink 500");
        authorisation.on(org.infinergi.core.charging.api.ChargerEvents.CARD_REFUSED, now);
        assertEquals("RED×350 OFF×350 RED×350 OFF×1940 BLUE×1010", watch(4000),
                "§8 failed authentication: double blink 350, then the state's row");
        authorisation.on(org.infinergi.core.charging.api.ChargerEvents.CARD_ACCEPTED, now);
        assertEquals("GREEN×350 OFF×350 GREEN×350 OFF×1940 BLUE×10", watch(3000), "§8 valid authentication");
    }

    @Test
    void theRdcTestBeforeTheCharge_blinksGreenEvery200ms() {
        start();
        run(1500);
        tell(Statuses.withDetail(ChargerState.WAITING_FOR_CURRENT, PilotState.B, 16,
                ChargerStatus.DETAIL_PRE_CHARGE_TEST));
        assertEquals("GREEN×100 OFF×100 GREEN×100 OFF×100", watch(400), "§8 test in progress: periodic 200");
    }

    @Test
    void playsTheErrorCategoryBlinksOnTheRgbPins() {
        start();
        run(1500);
        tell(Statuses.error("V1"));
        assertEquals("RED×250 OFF×250 RED×250 OFF×1000 RED×250 OFF×250 RED×250 OFF×1000",
                watch(3500), "§9.1: category 2 = two blinks, one second apart");
    }

    @Test
    void buzzerSoundsForTheConfiguredTimeWhenAnErrorIsRaised() {
        start(Map.of("errorBuzzerS", 10), Keypad.MULTIFUNCTION, true);
        run(1500);
        tell(Statuses.error("I1"));
        run(10);
        assertTrue(buzzer(), "sounds as the error is raised");
        int on = 0;
        for (int i = 0; i < 1000; i++) { // 10 s
            run(10);
            on += buzzer() ? 1 : 0;
        }
        assertTrue(on > 400 && on < 600, "beeps (half the time) during the 10 s: " + on);
        run(2000);
        assertFalse(buzzer(), "limited time: silent after 10 s although the error persists");
        tell(Statuses.error("D4"));
        run(10);
        assertTrue(buzzer(), "a new error sounds again");
        tell(Statuses.of(ChargerState.VEHICLE_NOT_CONNECTED));
        run(10);
        assertFalse(buzzer(), "cleared: silent at once");
    }

    /** CONVENTIONS §17, docs/events.md: the logo follows the core's STATUS_CHANGED; a tick never reads the status. */
    @Test
    void theLogoFollowsTheStatusEvents_andNoTickReadsTheStatus() {
        start();
        assertEquals(1, reads, "read once at start");
        run(1500);
        status = Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true);
        assertEquals("OFF×2000", watch(2000), "a status nobody told is not seen: the panel does not poll");
        tell(Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true));
        assertEquals("GREEN×500 OFF×500 GREEN×500 OFF×500", watch(2000), "§8 charging, from the event");
        tell(Statuses.of(ChargerState.PAUSED, PilotState.C, 0, false));
        assertEquals("BLUE×1000 OFF×1000 BLUE×1000 OFF×1000", watch(4000), "§8 suspended, from the event");
        assertEquals(1, reads, "hundreds of ticks, no read of the status service");
    }

    /** The status service (re)binds (the core started again): read once, then events again. */
    @Test
    void aRefresh_readsTheStatusOnce_andForgettingKeepsTheLogo() {
        start();
        run(1500);
        status = Statuses.of(ChargerState.TERMINATED, PilotState.B, 16, false);
        engine.refresh();
        assertEquals("GREEN×1000", watch(1000), "§8 charging complete, read at the bind");
        assertEquals(2, reads);
        engine.forget();
        status = null;
        assertEquals("GREEN×1000", watch(1000), "no core: the logo keeps what it shows");
        assertEquals(2, reads);
    }

    /** An event the panel cannot read costs one read of the status, not a wrong row. */
    @Test
    void anUnreadableStatusEvent_readsTheStatusOnce() {
        start();
        run(1500);
        status = Statuses.error("D4");
        engine.statusEvent(new org.osgi.service.event.Event(
                org.infinergi.core.charging.api.ChargerEvents.STATUS_CHANGED, Map.of("state", "SLEEPING")));
        assertEquals(2, reads);
        assertEquals("RED×250 OFF×250 RED×250 OFF×250 RED×250 OFF×1000", watch(2250), "§9.1 category 3, as read");
        assertEquals(2, reads);
    }

    /** Manual §6.2.1: a short press acts on what the charger does at the press: one read, at the press. */
    @Test
    void aShortPressReadsTheStatusOnce_atThePress() {
        start();
        run(1500);
        tell(Statuses.of(ChargerState.PAUSED, PilotState.C, 0, false));
        status = Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true); // the event is still on its way
        int before = reads;
        press(Button.MULTI, 300);
        assertEquals(before + 1, reads);
        assertEquals(List.of("pause"), calls, "the charger charges now: the press pauses it");
    }

    @Test
    void shortPressRecoversSuspendsOrResumesByState() {
        start();
        run(1500);
        status = Statuses.error("V1");
        press(Button.MULTI, 300);
        status = Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true);
        press(Button.MULTI, 300);
        status = Statuses.of(ChargerState.PAUSED, PilotState.C, 0, false);
        press(Button.MULTI, 300);
        status = Statuses.of(ChargerState.VEHICLE_NOT_CONNECTED);
        press(Button.MULTI, 300);
        assertEquals(List.of("recovery", "pause", "resume"), calls);
    }

    @Test
    void aPressOfMoreThanOneSecondIsNoShortPress() {
        start();
        run(100);
        status = Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true);
        press(Button.MULTI, 1500);
        assertEquals(List.of(), calls);
    }

    @Test
    void withoutTheChargingCoreTheKeysStillRestartAndAShortPressDoesNothing() {
        status = null;
        start();
        run(100);
        press(Button.MULTI, 200);
        assertEquals(List.of(), calls, "no core: nothing to recover, pause or resume");
        press(Button.MULTI, 35_000);
        assertEquals(List.of("restart"), calls, "a device whose core is not running can still be restarted");
    }

    @Test
    void heldThirtySecondsRestartsSixtySecondsResetsThenRestarts() {
        start();
        run(100);
        press(Button.MULTI, 35_000);
        assertEquals(List.of("restart"), calls);
        calls.clear();
        press(Button.MULTI, 61_000);
        assertEquals(List.of("reset erase=false", "restart"), calls);
    }

    @Test
    void factoryResetErasesHistoryWhenTheInstallerChoseSo() {
        start(Map.of("factoryResetErasesHistory", true), Keypad.MULTIFUNCTION, true);
        run(100);
        press(Button.MULTI, 61_000);
        assertEquals(List.of("reset erase=true", "restart"), calls);
    }

    @Test
    void displayModelsUseLeftAndRightTogether() {
        start(Map.of(), Keypad.FIVE_KEYS, true);
        run(100);
        press(Button.LEFT, 35_000);
        press(Button.RIGHT, 35_000);
        assertEquals(List.of(), calls, "one key alone does nothing");
        status = Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true);
        board.setInput(22, true);
        board.setInput(4, true);
        run(300);
        board.setInput(22, false);
        board.setInput(4, false);
        run(40);
        assertEquals(List.of(), calls, "no short-press action on display models");
        board.setInput(22, true);
        board.setInput(4, true);
        run(61_000);
        board.setInput(4, false);
        run(40);
        assertEquals(List.of("reset erase=false", "restart"), calls);
    }

    @Test
    void panelAnswersWhileTheEchoFollowsTheProbe() {
        start();
        for (int i = 0; i < 200; i++) { // the panel board loops the probe back
            run(10);
            board.setInput(3, board.digitalOutput(11).orElseThrow().isHigh());
        }
        assertTrue(engine.responding());
        run(400);
        assertTrue(engine.responding(), "two missed polls are tolerated");
        run(400);
        assertFalse(engine.responding(), "silent for three polls: D1");
        for (int i = 0; i < 50; i++) {
            run(10);
            board.setInput(3, board.digitalOutput(11).orElseThrow().isHigh());
        }
        assertTrue(engine.responding(), "answers again");
    }

    @Test
    void pwmLedOutputLightsTheDiesAtTheConfiguredBrightness() {
        start(Map.of("ledOutput", "PWM", "ledBrightnessPct", 40), Keypad.MULTIFUNCTION, true);
        run(1500);
        tell(Statuses.of(ChargerState.TERMINATED, PilotState.B, 16, false));
        run(20);
        Pwm green = board.pwm(19).orElseThrow();
        assertTrue(green.isOn());
        assertEquals(40f, green.getDutyCycle(), 1e-3);
        assertFalse(board.pwm(13).orElseThrow().isOn());
        assertFalse(board.pwm(26).orElseThrow().isOn());
    }

    @Test
    void darkTurnsEverythingOff() {
        start();
        tell(Statuses.of(ChargerState.TERMINATED, PilotState.B, 16, false));
        run(1500);
        assertEquals(LedColour.GREEN, led());
        engine.dark();
        assertEquals(LedColour.OFF, led());
        assertFalse(buzzer());
    }

    // ---- idle CPU budget: the loop slows down while nothing moves, a key's edge wakes it ----

    private static final long TICK = 20;
    private static final long IDLE_TICK = 100;

    @Test
    void idleTicks_slowWhileTheLogoIsSteadyAndThePanelSilent_fullPaceWhileSomethingMoves() {
        start();
        engine.tick();
        assertEquals(TICK, engine.nextTickMs(TICK, IDLE_TICK), "start-up blink and beep");
        run(1600);
        assertEquals(LedColour.OFF, led());
        assertEquals(IDLE_TICK, engine.nextTickMs(TICK, IDLE_TICK), "vehicle not connected: logo dark, silent");

        int multi = Pi4jPanelHardware.address(Defaults.of(PanelConfig.class), Button.MULTI);
        board.setInput(multi, true);
        run(10);
        assertEquals(TICK, engine.nextTickMs(TICK, IDLE_TICK), "a key held: its hold time counts at full pace");
        board.setInput(multi, false);
        run(PanelEngine.KEY_BEEP_MS);
        assertEquals(IDLE_TICK, engine.nextTickMs(TICK, IDLE_TICK), "released, its click over");

        tell(Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true));
        run(10);
        assertEquals(TICK, engine.nextTickMs(TICK, IDLE_TICK), "charging: the logo blinks");
        tell(Statuses.error("D3"));
        run(10);
        assertEquals(TICK, engine.nextTickMs(TICK, IDLE_TICK), "an error: blinks and the buzzer");
    }

    @Test
    void aKeyEdge_wakesTheLoop() {
        start();
        List<String> wakes = new ArrayList<>();
        hw.onKeyChange(() -> wakes.add("wake"));
        int multi = Pi4jPanelHardware.address(Defaults.of(PanelConfig.class), Button.MULTI);
        board.setInput(multi, true);
        board.setInput(multi, false);
        assertEquals(2, wakes.size(), "pressed and released");
    }

    @Test
    void aShortPressBetweenIdleTicks_isSeenWhenTheEdgesWakeTheLoop() {
        status = Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true);
        start();
        run(1600);
        hw.onKeyChange(engine::tick);
        int multi = Pi4jPanelHardware.address(Defaults.of(PanelConfig.class), Button.MULTI);
        now += 30;
        board.setInput(multi, true);
        now += 60;
        board.setInput(multi, false);
        assertEquals(List.of("pause"), calls, "a 60 ms tap, no loop tick in between");
    }

    /**
     * The edges wake a tick on the loop's thread; on a busy board that tick runs after the tap was released. The press
     * edge is remembered, so the late tick still sees the key down once, and the next one the release.
     */
    @Test
    void aTapReleasedBeforeTheLateWakeTickRuns_isStillAShortPress() {
        status = Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true);
        start();
        run(1600);
        int multi = Pi4jPanelHardware.address(Defaults.of(PanelConfig.class), Button.MULTI);
        board.setInput(multi, true);
        board.setInput(multi, false);
        now += 150;
        engine.tick();
        now += 20;
        engine.tick();
        assertEquals(List.of("pause"), calls, "a tap both of whose wake ticks ran after its release");
        run(100);
        assertEquals(List.of("pause"), calls, "seen once, not again");
    }

    /**
     * The press's tick ran at once, the release's only 1.5 s later (a stalled loop): the key was held 200 ms, a short
     * press by the manual's measure (§6.2.1, less than 1 s), not a hold of 1.5 s that does nothing.
     */
    @Test
    void aShortPressWhoseReleaseTickRunsLate_isJudgedByTheKeysOwnTimes() {
        status = Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true);
        start();
        run(1600);
        int multi = Pi4jPanelHardware.address(Defaults.of(PanelConfig.class), Button.MULTI);
        board.setInput(multi, true);
        engine.tick();
        now += 200;
        board.setInput(multi, false);
        now += 1300;
        engine.tick();
        assertEquals(List.of("pause"), calls, "held 200 ms, seen 1.5 s after the press");
    }

    /** Two taps between two ticks are two short presses, as the user pressed twice. */
    @Test
    void twoTapsBetweenTwoTicks_areTwoPresses() {
        status = Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true);
        start();
        run(1600);
        int multi = Pi4jPanelHardware.address(Defaults.of(PanelConfig.class), Button.MULTI);
        for (int tap = 0; tap < 2; tap++) {
            board.setInput(multi, true);
            now += 80;
            board.setInput(multi, false);
            now += 80;
        }
        engine.tick();
        assertEquals(List.of("pause", "pause"), calls);
    }

    /** The pair of the five-key panel held 30 s between sparse ticks still arms the restart at its real hold time. */
    @Test
    void thePairHeldAcrossSparseTicks_countsFromItsEdges() {
        start(Map.of(), Keypad.FIVE_KEYS, true);
        run(1600);
        int left = Pi4jPanelHardware.address(Defaults.of(PanelConfig.class), Button.LEFT);
        int right = Pi4jPanelHardware.address(Defaults.of(PanelConfig.class), Button.RIGHT);
        board.setInput(left, true);
        now += 100;
        board.setInput(right, true);
        now += 30_000;
        board.setInput(right, false);
        board.setInput(left, false);
        engine.tick();
        assertEquals(List.of("restart"), calls, "held together for 30 s, released before any tick saw it");
    }
}
