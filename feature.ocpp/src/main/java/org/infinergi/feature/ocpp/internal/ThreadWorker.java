package org.infinergi.feature.ocpp.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link Worker} on one thread, {@code infinergi-ocpp-transfer}, made at the first job and ended after a minute
 * idle: a charger that is never asked for a firmware or its logs has no such thread.
 */
final class ThreadWorker implements Worker {

    private final Executor clientThread;
    private final ExecutorService executor;

    ThreadWorker(Executor clientThread) {
        this.clientThread = clientThread;
        ThreadPoolExecutor ex = new ThreadPoolExecutor(0, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "infinergi-ocpp-transfer");
            t.setDaemon(true);
            return t;
        });
        this.executor = ex;
    }

    @Override
    public <T> void run(Callable<T> job, Consumer<Outcome<T>> done) {
        executor.execute(() -> {
            Outcome<T> outcome;
            try {
                outcome = new Outcome<>(job.call(), null);
            } catch (Exception e) {
                outcome = new Outcome<>(null, e);
            }
            Outcome<T> o = outcome;
            try {
                clientThread.execute(() -> done.accept(o));
            } catch (RejectedExecutionException e) {
                // the client is stopping: nobody to tell
            }
        });
    }

    /** Interrupts a transfer under way and waits a little for the thread to end (the client stops). */
    void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
