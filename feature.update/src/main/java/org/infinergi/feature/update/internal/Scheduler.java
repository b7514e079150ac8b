package org.infinergi.feature.update.internal;

import java.time.Duration;
import java.util.concurrent.Future;

/** The updater's own thread: tasks run one at a time, in order; tests run them by hand. */
interface Scheduler {

    Future<?> schedule(Runnable task, Duration delay);
}
