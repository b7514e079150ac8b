package org.infinergi.core.charging.testing;

import org.infinergi.core.charging.api.Installation;

/** Installation settings the test sets: complete, charging enabled, 32 A wiring. Thread-safe. */
public final class FakeInstallation implements Installation {

    private volatile boolean chargingEnabled = true;
    private volatile int wiringLimitA = 32;
    private volatile boolean installationComplete = true;

    public FakeInstallation complete(boolean value) {
        installationComplete = value;
        return this;
    }

    public FakeInstallation chargingEnabled(boolean value) {
        chargingEnabled = value;
        return this;
    }

    public FakeInstallation wiringLimitA(int value) {
        wiringLimitA = value;
        return this;
    }

    @Override
    public boolean chargingEnabled() {
        return chargingEnabled;
    }

    @Override
    public int wiringLimitA() {
        return wiringLimitA;
    }

    @Override
    public boolean installationComplete() {
        return installationComplete;
    }
}
