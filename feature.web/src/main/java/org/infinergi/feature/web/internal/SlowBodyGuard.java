package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;

/**
 * A request body that must keep arriving at a minimum rate: after a grace period, a client that has sent fewer bytes
 * than {@code minBytesPerSecond} × elapsed time is cut off. Jetty's idle timeout alone does not bound a body sent one
 * byte every few seconds (each byte resets it); this does, while a slow but steady upload (a bundle JAR over the
 * mobile link) still gets through.
 */
final class SlowBodyGuard extends ServletInputStream {

    /** The body arrived too slowly; the filter answers 408. */
    static final class TooSlow extends IOException {
        private static final long serialVersionUID = 1L;

        TooSlow(String message) {
            super(message);
        }
    }

    private final ServletInputStream in;
    private final Clock clock;
    private final Instant start;
    private final Duration grace;
    private final long minBytesPerSecond;
    private long read;

    SlowBodyGuard(ServletInputStream in, Clock clock, Duration grace, long minBytesPerSecond) {
        this.in = in;
        this.clock = clock;
        this.start = clock.instant();
        this.grace = grace;
        this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    public int read() throws IOException {
        check();
        int b = in.read();
        if (b >= 0) {
            read++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        int n = in.read(b, off, len);
        if (n > 0) {
            read += n;
        }
        return n;
    }

    private void check() throws TooSlow {
        long elapsedMs = Duration.between(start, clock.instant()).toMillis();
        long allowedMs = grace.toMillis() + read * 1000 / minBytesPerSecond;
        if (elapsedMs > allowedMs) {
            throw new TooSlow("request body too slow: " + read + " bytes in " + elapsedMs / 1000 + " s");
        }
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }
}
