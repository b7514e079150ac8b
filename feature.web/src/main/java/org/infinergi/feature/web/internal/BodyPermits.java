package org.infinergi.feature.web.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * How many request bodies are being read at once, per client and in all. A servlet reading a body holds one of
 * Jetty's few threads (threadpool.max 8 on a wallbox) for as long as the client takes to send it; without a bound a
 * handful of clients sending a byte every few seconds hold them all and {@code /api/status} stops answering.
 * Requests without a body are never counted: they hold a thread only while the charger answers.
 */
final class BodyPermits {

    private final int perClient;
    private final int total;
    private final Map<String, Integer> byClient = new HashMap<>();
    private int inFlight;

    BodyPermits(int perClient, int total) {
        this.perClient = perClient;
        this.total = total;
    }

    /** Takes a permit for {@code client}, or returns false when the client or the charger has no more to give. */
    synchronized boolean tryAcquire(String client) {
        int mine = byClient.getOrDefault(client, 0);
        if (mine >= perClient || inFlight >= total) {
            return false;
        }
        byClient.put(client, mine + 1);
        inFlight++;
        return true;
    }

    /** Gives back a permit {@link #tryAcquire} gave {@code client}. */
    synchronized void release(String client) {
        int mine = byClient.getOrDefault(client, 0);
        if (mine <= 1) {
            byClient.remove(client);
        } else {
            byClient.put(client, mine - 1);
        }
        inFlight--;
    }

    synchronized int inFlight() {
        return inFlight;
    }
}
