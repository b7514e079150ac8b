package org.infinergi.feature.ocpp.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Timers on a time the test moves: {@link #advance} runs what falls due, in order. */
final class ManualTimers implements Timers {

    private final class Task implements Timer {
        final long dueMs;
        final long seq;
        final Runnable run;
        boolean cancelled;

        Task(long dueMs, long seq, Runnable run) {
            this.dueMs = dueMs;
            this.seq = seq;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private long nowMs;
    private long seq;

    @Override
    public Timer after(Duration delay, Runnable task) {
        Task t = new Task(nowMs + delay.toMillis(), seq++, task);
        tasks.add(t);
        return t;
    }

    void advance(Duration d) {
        long until = nowMs + d.toMillis();
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && t.dueMs <= until)
                    .min(Comparator.<Task>comparingLong(t -> t.dueMs).thenComparingLong(t -> t.seq)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            nowMs = next.dueMs;
            next.run.run();
        }
        nowMs = until;
        tasks.removeIf(t -> t.cancelled);
    }

    /** The time moved so far, milliseconds since the start. */
    long nowMs() {
        return nowMs;
    }

    int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }
}
