package org.infinergi.sim.internal.panel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;

import org.infinergi.core.charging.hal.GpioPin;
import org.infinergi.core.charging.hal.PanelWiring;

/**
 * The simulated panel board at pi4j level, stepped with an explicit time: watches the LED pins the firmware
 * drives (digital outputs or PWM channels) into a {@link LedObserver}, holds key inputs at the pressed level
 * until their release time, and loops the panel-link probe back on the echo input unless silent. The pins are the
 * panel driver's ({@link PanelWiring}); until it publishes them nothing is wired (no panel firmware runs) and a
 * press only waits for its release time.
 */
public final class PanelBench implements SimPanel {

    private final Context context;
    private final Supplier<PanelWiring> wiring;
    private final LedObserver observer = new LedObserver();
    /** Key name (multi, center, up, down, left, right) → release time. */
    private final Map<String, Long> pressedUntil = new HashMap<>();
    private long now;
    private volatile boolean silent;

    /** @param wiring the panel driver's pins now, null while it has published none */
    public PanelBench(Context context, Supplier<PanelWiring> wiring, long nowMs) {
        this.context = context;
        this.wiring = wiring;
        this.now = nowMs;
    }

    /** One step at {@code nowMs}. */
    public synchronized void step(long nowMs) {
        now = nowMs;
        pressedUntil.values().removeIf(until -> nowMs >= until);
        PanelWiring pins = wiring.get();
        if (pins == null) {
            observer.sample(nowMs, "OFF");
            return;
        }
        observer.sample(nowMs, colourOnPins(pins));
        for (String key : KEYS) {
            GpioPin pin = pin(pins, key);
            setInput(pin.address(), pressed(pins, pin.address()) == pin.activeHigh());
        }
        if (!silent) {
            find(DigitalOutput.class, pins.panelProbe().address())
                    .ifPresent(probe -> setInput(pins.panelEcho().address(), probe.isHigh()));
        }
    }

    private boolean pressed(PanelWiring pins, int address) {
        return pressedUntil.keySet().stream().anyMatch(key -> pin(pins, key).address() == address);
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
        PanelWiring pins = wiring.get();
        List<Integer> driven = new ArrayList<>();
        boolean attached = pins != null;
        for (String key : name.split("\\+")) {
            pressedUntil.put(key, now + holdMs);
            if (pins != null) {
                GpioPin pin = pin(pins, key);
                driven.add(pin.address());
                setInput(pin.address(), pin.activeHigh());
                attached &= find(DigitalInput.class, pin.address()).isPresent();
            }
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

    private static final List<String> KEYS = List.of("multi", "center", "up", "down", "left", "right");

    private static GpioPin pin(PanelWiring pins, String key) {
        return switch (key) {
            case "multi" -> pins.multiButton();
            case "center" -> pins.centerButton();
            case "up" -> pins.upButton();
            case "down" -> pins.downButton();
            case "left" -> pins.leftButton();
            case "right" -> pins.rightButton();
            default -> throw new IllegalArgumentException("unknown button '" + key + "'");
        };
    }

    private String colourOnPins(PanelWiring pins) {
        boolean r = lit(pins.ledRed());
        boolean g = lit(pins.ledGreen());
        boolean b = lit(pins.ledBlue());
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

    private boolean lit(GpioPin pin) {
        Optional<DigitalOutput> out = find(DigitalOutput.class, pin.address());
        if (out.isPresent()) {
            return out.get().isHigh() == pin.activeHigh();
        }
        return find(Pwm.class, pin.address()).map(p -> p.isOn() && p.getDutyCycle() > 0.5f).orElse(false);
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
