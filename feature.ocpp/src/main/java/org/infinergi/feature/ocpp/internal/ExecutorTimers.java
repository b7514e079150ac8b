package org.infinergi.feature.ocpp.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link Timers} on the client's own single-thread scheduler: the tasks run on the thread the protocol lives on. */
final class ExecutorTimers implements Timers {

    private final ScheduledExecutorService executor;

    ExecutorTimers(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public Timer after(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }
}
