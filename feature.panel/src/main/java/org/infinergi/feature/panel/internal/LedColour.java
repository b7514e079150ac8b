package org.infinergi.feature.panel.internal;

/**
 * Colours of the front logo (manual §2.5 G "multicolor status LED"), as on/off combinations of its red,
 * green and blue dies: every colour the §8 mapping uses needs no dimming, so the LED can hang on plain
 * digital outputs.
 */
public enum LedColour {
    OFF(false, false, false),
    RED(true, false, false),
    GREEN(false, true, false),
    BLUE(false, false, true),
    YELLOW(true, true, false),
    CYAN(false, true, true),
    MAGENTA(true, false, true),
    WHITE(true, true, true);

    private final boolean red;
    private final boolean green;
    private final boolean blue;

    LedColour(boolean red, boolean green, boolean blue) {
        this.red = red;
        this.green = green;
        this.blue = blue;
    }

    public boolean red() {
        return red;
    }

    public boolean green() {
        return green;
    }

    public boolean blue() {
        return blue;
    }

    /** The colour the three dies show together. */
    public static LedColour of(boolean red, boolean green, boolean blue) {
        for (LedColour c : values()) {
            if (c.red == red && c.green == green && c.blue == blue) {
                return c;
            }
        }
        throw new AssertionError("all eight combinations are listed");
    }
}
