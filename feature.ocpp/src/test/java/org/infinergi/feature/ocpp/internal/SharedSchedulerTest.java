package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedSchedulerTest {

    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> new Thread(r,
            "the-client-thread"));

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    @Test
    void jettysTask_runsOnTheClientsThread() throws Exception {
        SharedScheduler scheduler = new SharedScheduler(thread);
        CompletableFuture<String> ranOn = new CompletableFuture<>();
        scheduler.schedule(() -> ranOn.complete(Thread.currentThread().getName()), 1, TimeUnit.MILLISECONDS);
        assertEquals("the-client-thread", ranOn.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aCancelledTask_leavesTheQueue() {
        thread.setRemoveOnCancelPolicy(true);
        SharedScheduler scheduler = new SharedScheduler(thread);
        var task = scheduler.schedule(() -> { }, 1, TimeUnit.HOURS);
        assertEquals(1, thread.getQueue().size());
        assertTrue(task.cancel());
        assertTrue(thread.getQueue().isEmpty());
    }
}
