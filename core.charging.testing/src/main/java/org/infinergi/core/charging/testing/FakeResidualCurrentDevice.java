package org.infinergi.core.charging.testing;

import org.infinergi.core.charging.hal.ResidualCurrentDevice;

/**
 * An RDC-DD (IEC 62955) in memory: healthy it trips while the test current flows or while the test injects DC
 * leakage ({@link #leak}); {@link #failSelfTest} makes it ignore the test current (a broken sensor) and
 * {@link #stuckTripped} keeps it tripped. Counts the self-tests. Thread-safe.
 */
public final class FakeResidualCurrentDevice implements ResidualCurrentDevice {

    private boolean testCurrent;
    private boolean leak;
    private boolean ignoresTest;
    private boolean stuck;
    private int testsStarted;

    /** DC leakage of 6 mA or more on the output (true) or none (false). */
    public synchronized FakeResidualCurrentDevice leak(boolean on) {
        leak = on;
        return this;
    }

    /** The device no longer sees its test current (true): the self-test fails. */
    public synchronized FakeResidualCurrentDevice failSelfTest(boolean broken) {
        ignoresTest = broken;
        return this;
    }

    /** The trip output stays on (true): the device does not release after its test. */
    public synchronized FakeResidualCurrentDevice stuckTripped(boolean value) {
        stuck = value;
        return this;
    }

    @Override
    public synchronized void setTestCurrent(boolean on) {
        if (on && !testCurrent) {
            testsStarted++;
        }
        testCurrent = on;
    }

    @Override
    public synchronized boolean tripped() {
        return stuck || leak || (testCurrent && !ignoresTest);
    }

    /** Whether the test current is on now. */
    public synchronized boolean testCurrent() {
        return testCurrent;
    }

    /** How many self-tests were started (test current switched on). */
    public synchronized int testsStarted() {
        return testsStarted;
    }
}
