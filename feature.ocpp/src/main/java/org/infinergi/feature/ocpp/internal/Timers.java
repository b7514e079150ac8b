package org.infinergi.feature.ocpp.internal;

import java.time.Duration;

/**
 * Delayed work on the client's one thread: the scheduler the component owns in the charger, a clock the test moves
 * in tests (no sleeping).
 */
interface Timers {

    /** Something scheduled that may be called off. */
    interface Timer {
        void cancel();
    }

    Timer after(Duration delay, Runnable task);
}
