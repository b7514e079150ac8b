package org.infinergi.core.charging.testing;

import org.infinergi.core.charging.hal.PanelBoard;

/** A front panel board that answers (true) until the test says otherwise. Thread-safe. */
public final class FakePanelBoard implements PanelBoard {

    private volatile boolean responding = true;

    public FakePanelBoard responding(boolean value) {
        responding = value;
        return this;
    }

    @Override
    public boolean responding() {
        return responding;
    }
}
