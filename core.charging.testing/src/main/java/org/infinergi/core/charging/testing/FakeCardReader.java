package org.infinergi.core.charging.testing;

import org.infinergi.core.charging.hal.CardReader;

/** An RFID reader that answers (true) until the test says otherwise. Thread-safe. */
public final class FakeCardReader implements CardReader {

    private volatile boolean responding = true;

    public FakeCardReader responding(boolean value) {
        responding = value;
        return this;
    }

    @Override
    public boolean responding() {
        return responding;
    }

    @Override
    public String description() {
        return "fake reader on /dev/test0";
    }
}
