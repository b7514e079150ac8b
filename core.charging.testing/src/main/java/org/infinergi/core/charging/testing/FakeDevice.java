package org.infinergi.core.charging.testing;

import org.infinergi.core.charging.api.Device;

/**
 * A device label the test sets: INFINERGI, 3 phases, 32 A, tethered, no MID meter terminal (the annotation's
 * defaults). Thread-safe.
 */
public final class FakeDevice implements Device {

    private volatile String model = "INFINERGI";
    private volatile int phases = 3;
    private volatile int ratedCurrentA = 32;
    private volatile boolean tethered = true;
    private volatile boolean midMeterTerminal;

    public FakeDevice model(String value) {
        model = value;
        return this;
    }

    public FakeDevice phases(int value) {
        phases = value;
        return this;
    }

    public FakeDevice ratedCurrentA(int value) {
        ratedCurrentA = value;
        return this;
    }

    public FakeDevice tethered(boolean value) {
        tethered = value;
        return this;
    }

    public FakeDevice midMeterTerminal(boolean value) {
        midMeterTerminal = value;
        return this;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String serial() {
        return "";
    }

    @Override
    public String mac() {
        return "";
    }

    @Override
    public int phases() {
        return phases;
    }

    @Override
    public int ratedCurrentA() {
        return ratedCurrentA;
    }

    @Override
    public boolean tethered() {
        return tethered;
    }

    @Override
    public boolean midMeterTerminal() {
        return midMeterTerminal;
    }
}
