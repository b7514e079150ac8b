package org.infinergi.feature.panel.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The panel's pins through pi4j I/O interfaces only, so this is the code that runs on the board: RGB LED on
 * three digital outputs (or three software PWM channels), buzzer output, key inputs, probe/echo of the
 * panel link. Every I/O it creates is released in {@link #close()} (ids must be free to reactivate).
 */
final class Pi4jPanelHardware implements PanelHardware {

    private static final Logger LOG = LoggerFactory.getLogger(Pi4jPanelHardware.class);
    static final String BOARD_IO_UNAVAILABLE = "board I/O not available: ";

    private final Context context;
    private final Deque<String> ids = new ArrayDeque<>();
    private final DigitalOutput[] ledOutputs;
    private final Pwm[] ledPwms;
    private final float brightnessPct;
    private final int pwmHz;
    private final DigitalOutput buzzer;
    private final DigitalOutput probe;
    private final DigitalInput echo;
    private final Map<Button, DigitalInput> keys = new EnumMap<>(Button.class);
    /** Key edges not yet read by a tick, stamped when they happened. */
    private final Queue<KeyEdge> edges = new ConcurrentLinkedQueue<>();
    private final LongSupplier clock;
    private final boolean activeHigh;
    private LedColour shown;

    /**
     * Opens the pins of {@code config}; the keys opened are {@code keypad}'s.
     *
     * @param clock the panel's clock (ms), which stamps the key edges
     */
    Pi4jPanelHardware(Context context, PanelConfig config, Keypad keypad, LongSupplier clock) {
        this.context = context;
        this.clock = clock;
        this.activeHigh = config.buttonsActiveHigh();
        this.brightnessPct = config.ledBrightnessPct();
        this.pwmHz = config.ledPwmFrequencyHz();
        int[] led = {config.ledRedAddress(), config.ledGreenAddress(), config.ledBlueAddress()};
        String[] die = {"red", "green", "blue"};
        try {
            if ("PWM".equals(config.ledOutput())) {
                ledOutputs = null;
                ledPwms = new Pwm[3];
                for (int i = 0; i < 3; i++) {
                    String id = "infinergi-panel-led-" + die[i];
                    String name = "Logo LED " + die[i];
                    int address = led[i];
                    ledPwms[i] = open(name + " PWM " + address, () -> context.create(Pwm.newConfigBuilder(context)
                            .id(id).name(name).address(address).pwmType(PwmType.SOFTWARE).frequency(pwmHz)
                            .initial(0).shutdown(0)));
                }
            } else if ("DIGITAL".equals(config.ledOutput())) {
                ledPwms = null;
                ledOutputs = new DigitalOutput[3];
                for (int i = 0; i < 3; i++) {
                    ledOutputs[i] = output("infinergi-panel-led-" + die[i], "Logo LED " + die[i], led[i]);
                }
            } else {
                throw new IllegalArgumentException("org.infinergi.panel ledOutput must be DIGITAL or PWM, was "
                        + config.ledOutput());
            }
            buzzer = output("infinergi-panel-buzzer", "Buzzer", config.buzzerAddress());
            probe = output("infinergi-panel-probe", "Panel link probe", config.panelProbeAddress());
            echo = input("infinergi-panel-echo", "Panel link echo", config.panelEchoAddress());
            for (Button b : keypad.buttons()) {
                keys.put(b, input("infinergi-panel-key-" + b.name().toLowerCase(java.util.Locale.ROOT),
                        "Key " + b, address(config, b)));
                recordEdges(b);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    static int address(PanelConfig config, Button b) {
        return switch (b) {
            case MULTI -> config.multiButtonAddress();
            case CENTER -> config.centerButtonAddress();
            case UP -> config.upButtonAddress();
            case DOWN -> config.downButtonAddress();
            case LEFT -> config.leftButtonAddress();
            case RIGHT -> config.rightButtonAddress();
        };
    }

    /**
     * Creates and tracks one I/O. One the kernel does not expose (a plain image on a PC: no gpiochip) fails naming
     * it, "board I/O not available: …", with the kernel's answer (pi4j's innermost message).
     */
    private <T extends IO<?, ?, ?>> T open(String what, Supplier<T> create) {
        T io;
        try {
            io = create.get();
        } catch (RuntimeException e) {
            String reason = e.toString();
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                reason = t.getMessage() != null && !t.getMessage().isBlank() ? t.getMessage() : reason;
            }
            throw new IllegalStateException(BOARD_IO_UNAVAILABLE + what + ": " + reason, e);
        }
        ids.push(io.id());
        return io;
    }

    private DigitalOutput output(String id, String name, int address) {
        return open(name + " output GPIO " + address, () -> context.create(DigitalOutput.newConfigBuilder(context)
                .id(id).name(name).address(address).initial(DigitalState.LOW).shutdown(DigitalState.LOW)));
    }

    private DigitalInput input(String id, String name, int address) {
        // Two keys may share a pin (multifunction and center sit at the same position): one input serves both.
        for (IO<?, ?, ?> io : context.registry().all().values()) {
            if (io instanceof DigitalInput in && ids.contains(io.id()) && in.config().address() == address) {
                return in;
            }
        }
        return open(name + " input GPIO " + address, () -> context.create(DigitalInput.newConfigBuilder(context)
                .id(id).name(name).address(address).pull(activeHigh ? PullResistance.PULL_DOWN : PullResistance.PULL_UP)));
    }

    @Override
    public void led(LedColour colour) {
        if (colour == shown) {
            return;
        }
        boolean[] on = {colour.red(), colour.green(), colour.blue()};
        for (int i = 0; i < 3; i++) {
            if (ledOutputs != null) {
                ledOutputs[i].state(on[i] ? DigitalState.HIGH : DigitalState.LOW);
            } else if (on[i]) {
                ledPwms[i].on(brightnessPct, pwmHz);
            } else {
                ledPwms[i].off();
            }
        }
        shown = colour;
    }

    @Override
    public void buzzer(boolean on) {
        if (buzzer.isHigh() != on) {
            buzzer.state(on ? DigitalState.HIGH : DigitalState.LOW);
        }
    }

    /**
     * The panel reads the keys at its ticks, and an edge only wakes a tick on the loop's thread: on a busy board that
     * tick can run late, after a tap was released or long after it. Each edge is kept with the time it happened, so a
     * press is judged by how long the key was really held (manual §6.2.1: less than 1 s is charging management),
     * not by when the loop got to see it.
     */
    private void recordEdges(Button b) {
        keys.get(b).addListener(e -> edges.add(new KeyEdge(b, (e.state() == DigitalState.HIGH) == activeHigh,
                clock.getAsLong())));
    }

    @Override
    public boolean pressed(Button button) {
        DigitalInput in = keys.get(button);
        return in != null && in.isHigh() == activeHigh;
    }

    @Override
    public List<KeyEdge> edges() {
        List<KeyEdge> out = new ArrayList<>();
        for (KeyEdge e = edges.poll(); e != null; e = edges.poll()) {
            out.add(e);
        }
        return out;
    }

    @Override
    public void onKeyChange(Runnable wake) {
        for (DigitalInput in : new java.util.LinkedHashSet<>(keys.values())) {
            in.addListener(e -> wake.run());
        }
    }

    @Override
    public void probe(boolean high) {
        probe.state(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public boolean echo() {
        return echo.isHigh();
    }

    @Override
    public void close() {
        while (!ids.isEmpty()) {
            String id = ids.pop();
            try {
                context.shutdown(id);
            } catch (RuntimeException e) {
                LOG.debug("pi4j I/O {} already gone: {}", id, e.toString());
            }
        }
    }
}
