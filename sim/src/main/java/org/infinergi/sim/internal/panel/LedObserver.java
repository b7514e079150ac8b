package org.infinergi.sim.internal.panel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Decodes the colour and pattern of the logo from samples of its RGB pins (what the LED does, not what the
 * firmware wants). Keeps the colour runs of the last {@link #WINDOW_MS} and classifies them:
 * no change → OFF/FIXED; flashes and gaps of equal length → PERIODIC (period = flash + gap); short gaps
 * grouped by gaps of about one second → ERROR_CATEGORY (flashes per group); one flash then dark →
 * SINGLE_BLINK; two equal flashes then dark → DOUBLE_BLINK. Pure: the caller passes the time.
 */
public final class LedObserver {

    /** Long enough for two full sequences of the slowest pattern (periodic 2000 ms, error category 3). */
    static final long WINDOW_MS = 6000;

    private record Run(String colour, long start, long end) {
        long length() {
            return end - start;
        }

        boolean lit() {
            return !"OFF".equals(colour);
        }
    }

    private final Deque<Run> closed = new ArrayDeque<>();
    private String current = "OFF";
    private long currentSince;
    private boolean started;

    /** The colour seen at {@code nowMs} (samples in time order). */
    public synchronized void sample(long nowMs, String colour) {
        if (!started) {
            started = true;
            current = colour;
            currentSince = nowMs - WINDOW_MS; // nothing changed before the first sample, as far as we know
            return;
        }
        if (!colour.equals(current)) {
            closed.addLast(new Run(current, currentSince, nowMs));
            current = colour;
            currentSince = nowMs;
        }
        while (!closed.isEmpty() && closed.peekFirst().end() < nowMs - WINDOW_MS) {
            closed.removeFirst();
        }
    }

    /** The decoded view at {@code nowMs}. */
    public synchronized LedView view(long nowMs) {
        List<Run> runs = new ArrayList<>(closed);
        long currentLength = nowMs - currentSince;
        if (runs.isEmpty() || currentLength >= WINDOW_MS) {
            return new LedView(current, current.equals("OFF") ? "OFF" : "FIXED", null, null, current);
        }
        // flashes fully seen, and the dark gaps between consecutive ones
        List<Run> flashes = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        Run prevFlash = null;
        for (Run r : runs) {
            if (r.lit()) {
                if (prevFlash != null) {
                    gaps.add(r.start() - prevFlash.end());
                }
                flashes.add(r);
                prevFlash = r;
            }
        }
        String colour = flashes.isEmpty() ? current : flashes.get(flashes.size() - 1).colour();
        boolean darkNow = current.equals("OFF");
        if (flashes.isEmpty()) {
            return new LedView(current, "UNKNOWN", null, null, current);
        }
        long flash = flashes.get(flashes.size() - 1).length();
        if (darkNow && flashes.size() == 1 && currentLength > 2 * flash) {
            return new LedView(colour, "SINGLE_BLINK", round(flash), null, current);
        }
        if (darkNow && flashes.size() == 2 && near(gaps.get(0), flash) && near(flashes.get(0).length(), flash)
                && currentLength > 2 * flash) {
            return new LedView(colour, "DOUBLE_BLINK", round(flash), null, current);
        }
        if (gaps.size() >= 2) {
            boolean periodic = true;
            for (int i = 0; i < gaps.size(); i++) {
                periodic &= near(gaps.get(i), flashes.get(i).length()) && near(flashes.get(i).length(), flash);
            }
            if (periodic) {
                return new LedView(colour, "PERIODIC", round(flash + gaps.get(gaps.size() - 1)), null, current);
            }
            // error blinks: 250 ms flashes, 250 ms gaps inside a sequence, ≈ 1 s between sequences
            int lastLong = -1;
            int prevLong = -1;
            boolean error = true;
            for (int i = 0; i < gaps.size(); i++) {
                long g = gaps.get(i);
                if (near(g, 1000)) {
                    prevLong = lastLong;
                    lastLong = i;
                } else if (!near(g, 250)) {
                    error = false;
                }
            }
            for (Run f : flashes) {
                error &= near(f.length(), 250);
            }
            if (error && lastLong >= 0 && prevLong >= 0) {
                return new LedView(colour, "ERROR_CATEGORY", null, lastLong - prevLong, current);
            }
        }
        return new LedView(colour, "UNKNOWN", null, null, current);
    }

    private static boolean near(long actual, long expected) {
        return Math.abs(actual - expected) <= Math.max(60, expected / 5);
    }

    private static Integer round(long ms) {
        return (int) (Math.round(ms / 10.0) * 10);
    }
}
