package org.infinergi.driver.modbusmeters.bus.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Modbus line and the thread that owns it: every request of every meter on this endpoint runs on this thread,
 * one after the other (RS485 is half-duplex, one master, one request at a time). Each attached meter is polled with
 * a fixed delay after its previous poll, so a slow or silent meter delays the others by at most its timeouts.
 */
final class Bus {

    private static final Logger LOG = LoggerFactory.getLogger(Bus.class);

    private final Endpoint endpoint;
    private final ModbusLink link;
    private final ScheduledExecutorService thread;
    private int attached;

    Bus(Endpoint endpoint, Function<Endpoint, ModbusLink> links) {
        this.endpoint = endpoint;
        this.link = links.apply(endpoint);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-modbus " + endpoint);
            t.setDaemon(true);
            return t;
        });
    }

    /** Polls {@code poller} every {@code periodMs} (first poll at once) until the returned handle is closed. */
    synchronized AutoCloseable attach(MeterPoller poller, long periodMs) {
        attached++;
        ScheduledFuture<?> job = thread.scheduleWithFixedDelay(() -> poll(poller), 0, periodMs, TimeUnit.MILLISECONDS);
        return () -> job.cancel(false);
    }

    private void poll(MeterPoller poller) {
        try {
            poller.poll(link);
        } catch (RuntimeException e) {
            // A bug (decoding, a library surprise): keep the line's thread alive for the other meters.
            LOG.warn("Polling meter {} on {} failed", poller, endpoint, e);
            link.close();
        }
    }

    /** Counts one detach; true when nobody is attached any more. */
    synchronized boolean detached() {
        return --attached <= 0;
    }

    /** Stops the thread (waiting for a request in flight) and closes the line. */
    void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Modbus line {} did not stop in 5 s", endpoint);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
