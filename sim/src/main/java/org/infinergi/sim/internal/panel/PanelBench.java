package org.infinergi.sim.internal.panel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;

/**
 * The simulated panel board at pi4j level, stepped with an explicit time: watches the LED pins the firmware
 * drives (digital outputs or PWM channels) into a {@link LedObserver}, holds key inputs at the pressed level
 * until their release time, and loops the panel-link probe back on the echo input unless silent.
 */
public final class PanelBench implements SimPanel {

    private final Context context;
    private final PanelPins pins;
    private final LedObserver observer = new LedObserver();
    private final Map<Integer, Long> pressedUntil = new HashMap<>();
    private long now;
    private volatile boolean silent;

    public PanelBench(Context context, PanelPins pins, long nowMs) {
        this.context = context;
        this.pins = pins;
        this.now = nowMs;
    }

    /** One step at {@code nowMs}. */
    public synchronized void step(long nowMs) {
        now = nowMs;
        observer.sample(nowMs, colourOnPins());
        for (int pin : keyPins()) {
            Long until = pressedUntil.get(pin);
            boolean pressed = until != null && nowMs < until;
            if (until != null && !pressed) {
                pressedUntil.remove(pin);
            }
            setInput(pin, pressed == pins.buttonsActiveHigh());
        }
        if (!silent) {
            find(DigitalOutput.class, pins.panelProbeAddress())
                    .ifPresent(probe -> setInput(pins.panelEchoAddress(), probe.isHigh()));
        }
    }

    @Override
    public synchronized LedView led() {
        return observer.view(now);
    }

    @Override
    public synchronized PressResult press(String button, long holdMs) {
        String name = button == null ? "" : button.trim().toLowerCase(Locale.ROOT);
        if (!BUTTONS.contains(name)) {
            throw new IllegalArgumentException("unknown button '" + button + "'");
        }
        if (holdMs < 1 || holdMs > 600_000) {
            throw new IllegalArgumentException("holdMs must be in [1, 600000], was " + holdMs);
        }
        List<Integer> driven = new ArrayList<>();
        for (String part : name.split("\\+")) {
            driven.add(pin(part));
        }
        boolean attached = true;
        for (int pin : driven) {
            pressedUntil.put(pin, now + holdMs);
            setInput(pin, pins.buttonsActiveHigh());
            attached &= find(DigitalInput.class, pin).isPresent();
        }
        return new PressResult(name, holdMs, driven, attached);
    }

    @Override
    public void setSilent(boolean silent) {
        this.silent = silent;
    }

    @Override
    public boolean silent() {
        return silent;
    }

    private int pin(String name) {
        return switch (name) {
            case "multi" -> pins.multiButtonAddress();
            case "center" -> pins.centerButtonAddress();
            case "up" -> pins.upButtonAddress();
            case "down" -> pins.downButtonAddress();
            case "left" -> pins.leftButtonAddress();
            case "right" -> pins.rightButtonAddress();
            default -> throw new IllegalArgumentException("unknown button '" + name + "'");
        };
    }

    private int[] keyPins() {
        return new int[] {pins.multiButtonAddress(), pins.centerButtonAddress(), pins.upButtonAddress(),
            pins.downButtonAddress(), pins.leftButtonAddress(), pins.rightButtonAddress()};
    }

    private String colourOnPins() {
        boolean r = lit(pins.ledRedAddress());
        boolean g = lit(pins.ledGreenAddress());
        boolean b = lit(pins.ledBlueAddress());
        if (r && g && b) {
            return "WHITE";
        }
        if (r && g) {
            return "YELLOW";
        }
        if (r && b) {
            return "MAGENTA";
        }
        if (g && b) {
            return "CYAN";
        }
        return r ? "RED" : g ? "GREEN" : b ? "BLUE" : "OFF";
    }

    private boolean lit(int pin) {
        Optional<DigitalOutput> out = find(DigitalOutput.class, pin);
        if (out.isPresent()) {
            return out.get().isHigh();
        }
        return find(Pwm.class, pin).map(p -> p.isOn() && p.getDutyCycle() > 0.5f).orElse(false);
    }

    private void setInput(int pin, boolean high) {
        find(DigitalInput.class, pin).ifPresent(in -> {
            if (in instanceof MockDigitalInput mock) {
                DigitalState want = high ? DigitalState.HIGH : DigitalState.LOW;
                if (mock.state() != want) {
                    mock.mockState(want);
                }
            }
        });
    }

    private <T extends IO> Optional<T> find(Class<T> type, int address) {
        for (IO io : context.registry().all().values()) {
            if (type.isInstance(io) && io.config() instanceof com.pi4j.config.AddressConfig<?> ac
                    && ac.address() != null && ac.address() == address) {
                return Optional.of(type.cast(io));
            }
        }
        return Optional.empty();
    }
}
