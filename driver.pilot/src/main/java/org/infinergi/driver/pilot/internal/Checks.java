package org.infinergi.driver.pilot.internal;

/** Activation checks of the board map: a wrong value fails activation naming its key. */
final class Checks {

    private Checks() {
    }

    static void channel(String key, int channel) {
        if (channel < 0 || channel > 7) {
            throw new IllegalArgumentException(PilotConfig.PID + " " + key + " must be an MCP3208 channel 0..7, was " + channel);
        }
    }

    static void positive(String key, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(PilotConfig.PID + " " + key + " must be a number above 0, was " + value);
        }
    }
}
