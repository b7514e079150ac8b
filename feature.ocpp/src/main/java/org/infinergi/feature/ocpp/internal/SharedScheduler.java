package org.infinergi.feature.ocpp.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty's timeouts (connect, idle) on the OCPP client's own thread: Jetty would otherwise start a scheduler thread
 * of its own for a few timers per connection (issue 17: the image's RSS with OCPP connected). Its tasks only hand
 * work on, so they do not hold up the client's thread. The thread is the component's: stopping Jetty leaves it running.
 */
final class SharedScheduler extends AbstractLifeCycle implements Scheduler {

    private final ScheduledExecutorService thread;

    SharedScheduler(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    @Override
    public Task schedule(Runnable task, long delay, TimeUnit units) {
        ScheduledFuture<?> due = thread.schedule(task, delay, units);
        return () -> due.cancel(false);
    }
}
