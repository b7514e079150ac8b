package org.infinergi.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.infinergi.bench.energy.ExcerptReplay;

/**
 * Driver side only (a {@code @Configuration} calls it; the container has no bench/energy): runs the energy replay
 * (bench/energy {@link ExcerptReplay}: the real core, DLM and Green on a simulated clock, the sim's world) on an
 * excerpt of {@code src/test/resources/excerpts}, with the settings the image gets.
 */
final class ExcerptReplayer {

    private ExcerptReplayer() {
    }

    /**
     * Replays {@code excerpt} with the image's settings (the PIDs' properties exactly as the test writes
     * them into the image's etc files) and returns the decisions as one property value; also writes them to
     * {@code target/replay-<excerpt>} for a failure's reader.
     */
    static String replay(String excerpt, String mode, int carPhases, int carMaxA, Map<String, Object> dlm,
            Map<String, Object> green) {
        try {
            // The sim image's car follows a new offer at the world's next tick; its grid meter is polled every 1 s.
            List<ExcerptReplay.Decision> d = ExcerptReplay.replay(file(excerpt),
                    new ExcerptReplay.Setup(mode, carPhases, carMaxA, 0, 1000, dlm, green));
            ExcerptReplay.write(d, Path.of("target", "replay-" + excerpt));
            return d.stream().map(x -> String.format(Locale.ROOT, "%.3f:%.2f:%d", x.timeS(), x.offeredA(),
                    x.contactor() ? 1 : 0)).collect(Collectors.joining(";"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(String excerpt) {
        try {
            Path p = Path.of(ReplayedExcerpt.class.getResource("/excerpts/" + excerpt).toURI());
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("no excerpt " + p);
            }
            return p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
