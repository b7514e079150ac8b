package org.infinergi.core.charging.testing;

import org.infinergi.core.charging.hal.BoardSensors;

/**
 * Board sensors whose values the test sets: 25 °C, earth present, phase and neutral the right way round.
 * {@link #fail} makes every read throw. Thread-safe.
 */
public final class FakeBoardSensors implements BoardSensors {

    private volatile double temperatureC = 25.0;
    private volatile boolean earthPresent = true;
    private volatile boolean reversed;
    private volatile RuntimeException failure;

    public FakeBoardSensors temperature(double celsius) {
        temperatureC = celsius;
        return this;
    }

    public FakeBoardSensors earth(boolean present) {
        earthPresent = present;
        return this;
    }

    public FakeBoardSensors phaseNeutralReversed(boolean value) {
        reversed = value;
        return this;
    }

    /** Every read throws {@code e}; null = read normally. */
    public FakeBoardSensors fail(RuntimeException e) {
        failure = e;
        return this;
    }

    private void check() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    @Override
    public double temperatureC() {
        check();
        return temperatureC;
    }

    @Override
    public boolean earthPresent() {
        check();
        return earthPresent;
    }

    @Override
    public boolean phaseNeutralReversed() {
        check();
        return reversed;
    }
}
