package org.infinergi.feature.panel.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Which panel the model has (manual §2.6: -DR models have the display and five keys). */
enum Keypad {
    MULTIFUNCTION(EnumSet.of(Button.MULTI)),
    FIVE_KEYS(EnumSet.of(Button.CENTER, Button.UP, Button.DOWN, Button.LEFT, Button.RIGHT));

    private final Set<Button> buttons;

    Keypad(Set<Button> buttons) {
        this.buttons = buttons;
    }

    Set<Button> buttons() {
        return buttons;
    }

    /** From the panel key {@code keypad} (AUTO|MULTIFUNCTION|FIVE_KEYS) and the device model. */
    static Keypad of(String setting, String model) {
        String s = setting == null ? "AUTO" : setting.trim().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "MULTIFUNCTION" -> MULTIFUNCTION;
            case "FIVE_KEYS" -> FIVE_KEYS;
            case "AUTO" -> model != null && model.trim().toUpperCase(Locale.ROOT).endsWith("-DR") ? FIVE_KEYS
                    : MULTIFUNCTION;
            default -> throw new IllegalArgumentException(
                    "org.infinergi.panel keypad must be AUTO, MULTIFUNCTION or FIVE_KEYS, was " + setting);
        };
    }
}
