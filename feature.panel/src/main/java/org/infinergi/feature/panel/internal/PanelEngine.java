package org.infinergi.feature.panel.internal;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.hal.PanelBoard;
import org.osgi.service.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The panel loop, one {@link #tick()} at a time (the component calls it from its scheduler, tests call it
 * after moving the clock): reads the keys, acts on presses, plays the §8 LED signal and the buzzer, and
 * polls the panel link. Everything it does depends only on the clock it is given.
 *
 * <p>The charge state it shows is the last one it was told (docs/events.md, CONVENTIONS §17: listeners never poll):
 * the status service is read once at construction and at each {@link #refresh()} (the component calls it when the
 * status service binds), then the core's {@code STATUS_CHANGED} events replace it ({@link #statusEvent}); a tick
 * only animates the row of that status. A short press is an action, not polling: it reads the status service once,
 * at the press, so that it recovers, pauses or resumes what the charger is doing at that moment.
 */
final class PanelEngine implements PanelBoard {

    private static final Logger LOG = LoggerFactory.getLogger(PanelEngine.class);

    /** Startup acoustic signal (manual §4.10.1 "startup, confirmed by the relative acoustic and luminous signal"). */
    static final int STARTUP_BEEP_MS = 200;
    /** The signal of a key pressed (manual §7.2.2 "Buttons sound"): a click, not a tone. */
    static final int KEY_BEEP_MS = 60;
    /** The firmware counts as starting up this long after the panel starts (the single 600 ms blink and a pause). */
    static final int STARTUP_MS = 1000;
    /** Beep announcing that the held key will restart the device on release (manual §6.2, 30 s). */
    static final int RESTART_ARMED_BEEP_MS = 200;
    /** Error acoustic signal: on/off period of the beeps. */
    static final int ALARM_PERIOD_MS = 1000;

    /**
     * Settings of the loop (from {@link PanelConfig} and the core's device and installation services).
     *
     * @param installationComplete read at every tick: the installer's confirmation (manual §4.10) shows at once
     */
    record Settings(Keypad keypad, BooleanSupplier installationComplete, long errorBuzzerMs, long shortPressMaxMs,
            long restartHoldMs, long factoryResetHoldMs, boolean eraseHistory, long pollMs, int missedPolls,
            boolean buttonsSound) {
    }

    private final PanelHardware hw;
    private final Settings settings;
    private final Supplier<ChargerStatus> status;
    private final Supplier<ChargerControl> control;
    private final Restarter restarter;
    private final FactoryReset factoryReset;
    private final LongSupplier clock;
    private final long startedAt;
    private final LongPress multi;
    private final LongPress leftRight;
    private final AuthIndication authorisation;

    /** The status the logo and the buzzer show: the last one read or told; null = no charging core. */
    private volatile ChargerStatus shown;
    private LedSignal signal;
    private long signalSince;
    private String alarmedError;
    private long alarmUntil;
    private long alarmSince;
    private long beepUntil;
    private boolean probeLevel;
    private boolean lastEcho = true;
    /** A key (or one of the pair) was down at the last tick. */
    private boolean keyDown;
    /** The pair's keys as the last edge or tick saw them (five-key panel). */
    private boolean leftDown;
    private boolean rightDown;
    private long lastPoll;
    private int missed;
    private volatile boolean responding = true;

    PanelEngine(PanelHardware hw, Settings settings, Supplier<ChargerStatus> status, Supplier<ChargerControl> control,
            Restarter restarter, FactoryReset factoryReset, LongSupplier clock) {
        this(hw, settings, status, control, restarter, factoryReset, clock, new AuthIndication());
    }

    /** @param authorisation the authentication rows of manual §8, fed by the card events */
    PanelEngine(PanelHardware hw, Settings settings, Supplier<ChargerStatus> status, Supplier<ChargerControl> control,
            Restarter restarter, FactoryReset factoryReset, LongSupplier clock, AuthIndication authorisation) {
        this.hw = hw;
        this.authorisation = authorisation;
        this.settings = settings;
        this.status = status;
        this.control = control;
        this.restarter = restarter;
        this.factoryReset = factoryReset;
        this.clock = clock;
        this.startedAt = clock.getAsLong();
        this.multi = new LongPress(settings.shortPressMaxMs(), settings.restartHoldMs(), settings.factoryResetHoldMs());
        this.leftRight = new LongPress(settings.shortPressMaxMs(), settings.restartHoldMs(),
                settings.factoryResetHoldMs());
        this.beepUntil = startedAt + STARTUP_BEEP_MS;
        this.lastPoll = startedAt;
        hw.probe(false);
        refresh();
    }

    /** Reads the status service once: at start and when it (re)binds. */
    void refresh() {
        shown = status.get();
    }

    /** The status service is gone (the core stopped): the logo keeps what it shows, the alarm stops. */
    void forget() {
        shown = null;
    }

    /**
     * The core's {@code STATUS_CHANGED} (docs/events.md): the display fields come from the event. An event the
     * panel cannot read (no or an unknown state) makes it read the status service once instead.
     */
    void statusEvent(Event e) {
        ChargerStatus told = StatusEvent.parse(e);
        if (told == null) {
            LOG.debug("Unreadable {} (state {}): reading the status instead", e.getTopic(),
                    e.getProperty(ChargerEvents.STATE));
            refresh();
        } else {
            shown = told;
        }
    }

    /** One pass of the loop at the clock's time. */
    void tick() {
        long now = clock.getAsLong();
        keys(now);
        ChargerStatus st = shown;
        if (st != null) {
            led(st, now);
            buzzer(st, now);
        } else {
            // No charging core (yet): the LED keeps what it shows; the keys still restart the device.
            hw.buzzer(now < beepUntil);
        }
        link(now);
    }

    /**
     * Manual §6.2: what a key does depends on how long it is held. The edges seen since the last tick are replayed at
     * the times they happened, then the levels now carry the holds (30 s, 60 s) on.
     */
    private void keys(long now) {
        for (PanelHardware.KeyEdge e : hw.edges()) {
            keyEdge(e, Math.min(e.atMs(), now), now);
        }
        if (settings.keypad() == Keypad.MULTIFUNCTION) {
            keyDown = hw.pressed(Button.MULTI);
            act(multi.update(keyDown, now), now);
        } else {
            leftDown = hw.pressed(Button.LEFT);
            rightDown = hw.pressed(Button.RIGHT);
            keyDown = leftDown || rightDown;
            act(pairAction(leftRight.update(leftDown && rightDown, now)), now);
        }
    }

    private void keyEdge(PanelHardware.KeyEdge e, long at, long now) {
        if (e.pressed()) {
            buttonsSound(now);
        }
        if (settings.keypad() == Keypad.MULTIFUNCTION) {
            if (e.button() == Button.MULTI) {
                act(multi.update(e.pressed(), at), now);
            }
            return;
        }
        if (e.button() == Button.LEFT) {
            leftDown = e.pressed();
        } else if (e.button() == Button.RIGHT) {
            rightDown = e.pressed();
        } else {
            return;
        }
        act(pairAction(leftRight.update(leftDown && rightDown, at)), now);
    }

    /** Manual §7.2.2 "Buttons sound": a key pressed gives a short acoustic signal, unless the user turned it off. */
    private void buttonsSound(long now) {
        if (settings.buttonsSound()) {
            beepUntil = Math.max(beepUntil, now + KEY_BEEP_MS);
        }
    }

    /** Manual §6.2.2: right and left pressed simultaneously; a short press of the pair means nothing. */
    private static LongPress.Action pairAction(LongPress.Action action) {
        return action == LongPress.Action.SHORT_PRESS ? null : action;
    }

    private void act(LongPress.Action action, long now) {
        if (action == null) {
            return;
        }
        switch (action) {
            case SHORT_PRESS -> shortPress(status.get());
            case RESTART_ARMED -> {
                LOG.info("Key held {} s: the device restarts on release, or resets to factory settings at {} s",
                        settings.restartHoldMs() / 1000, settings.factoryResetHoldMs() / 1000);
                beepUntil = now + RESTART_ARMED_BEEP_MS;
            }
            case RESTART -> {
                LOG.warn("Device restart requested at the panel (manual §6.2)");
                restarter.restart();
            }
            case FACTORY_RESET -> {
                LOG.warn("Factory reset requested at the panel (manual §6.2), history {}",
                        settings.eraseHistory() ? "erased" : "kept");
                try {
                    factoryReset.reset(settings.eraseHistory());
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.error("Factory reset failed; restarting with the configuration as it is", e);
                }
                restarter.restart();
            }
        }
    }

    /**
     * Manual §6.2.1 short press: recovery in error, suspend while charging, resume while paused.
     *
     * @param st the status read at the press (an action on what the charger does now, not the last event's)
     */
    private void shortPress(ChargerStatus st) {
        ChargerControl c = control.get();
        if (c == null || st == null) {
            LOG.info("Short press ignored: no charger control service");
            return;
        }
        ChargerControl.Result r;
        if (st.state() == ChargerState.ERROR || st.error() != null) {
            r = c.attemptRecovery();
        } else if (st.state() == ChargerState.CHARGING) {
            r = c.pause();
        } else if (st.state() == ChargerState.PAUSED) {
            r = c.resume();
        } else {
            LOG.debug("Short press in state {}: nothing to do (manual §6.2.1)", st.state());
            return;
        }
        LOG.info("Short press in state {}: {}", st.state(), r);
    }

    private void led(ChargerStatus st, long now) {
        boolean starting = now - startedAt < STARTUP_MS;
        LedSignal next = LedLogic.signal(new PanelSituation(st, starting,
                settings.installationComplete().getAsBoolean(), authorisation.at(now), false));
        if (!next.equals(signal)) {
            signal = next;
            signalSince = now;
        }
        hw.led(signal.at(now - signalSince));
    }

    /** Manual §9.1: for a limited time the error blinks are accompanied by an acoustic signal. */
    private void buzzer(ChargerStatus st, long now) {
        String error = st.state() == ChargerState.ERROR || st.error() != null
                ? (st.error() == null ? "?" : st.error()) : null;
        if (error != null && !error.equals(alarmedError) && settings.errorBuzzerMs() > 0) {
            alarmSince = now;
            alarmUntil = now + settings.errorBuzzerMs();
        }
        if (error == null) {
            alarmUntil = 0;
        }
        alarmedError = error;
        boolean alarm = now < alarmUntil && (now - alarmSince) % ALARM_PERIOD_MS < ALARM_PERIOD_MS / 2;
        hw.buzzer(alarm || now < beepUntil);
    }

    /**
     * Panel link (D1): each poll toggles the probe; the panel board loops it back on the echo line. The echo
     * read at a poll must show the level written at the previous poll; {@code missedPolls} misses in a row =
     * the panel does not answer. A line stuck high or low fails every other poll and so counts as silent.
     */
    private void link(long now) {
        if (now - lastPoll < settings.pollMs()) {
            return;
        }
        lastPoll = now;
        // The echo must follow every toggle: a line stuck at one level would match every second poll.
        boolean echo = hw.echo();
        boolean answered = echo == probeLevel && echo != lastEcho;
        lastEcho = echo;
        missed = answered ? 0 : missed + 1;
        boolean nowResponding = missed < settings.missedPolls();
        if (nowResponding != responding) {
            if (nowResponding) {
                LOG.info("Panel board answers again");
            } else {
                LOG.warn("Panel board does not answer ({} polls missed): internal communication error", missed);
            }
            responding = nowResponding;
        }
        probeLevel = !probeLevel;
        hw.probe(probeLevel);
    }

    @Override
    public boolean responding() {
        return responding;
    }

    /**
     * Milliseconds until the next tick (idle CPU budget): {@code tickMs} while something moves — a key held (the
     * §6.2 hold times), the buzzer, the start-up blink, a blinking logo — otherwise {@code idleTickMs}. The
     * component wakes the loop at a key's edge, so a short press is never missed between two idle ticks.
     */
    long nextTickMs(long tickMs, long idleTickMs) {
        long now = clock.getAsLong();
        boolean steady = signal == null || signal.pattern().kind() == LedPattern.Kind.OFF
                || signal.pattern().kind() == LedPattern.Kind.FIXED;
        boolean busy = keyDown || now < beepUntil || now < alarmUntil || now - startedAt < STARTUP_MS || !steady;
        return busy ? tickMs : Math.max(tickMs, idleTickMs);
    }

    /** The signal being played (for tests and logs). */
    LedSignal signal() {
        return signal;
    }

    /** Logo off, buzzer silent (deactivation). */
    void dark() {
        hw.led(LedColour.OFF);
        hw.buzzer(false);
    }
}
