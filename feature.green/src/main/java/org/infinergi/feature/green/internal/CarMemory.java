package org.infinergi.feature.green.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The phases the last car drew on, kept across plug-ins and restarts in the bundle's data area ({@code
 * bundleContext::getDataFile}): a home charger mostly sees the same car, and IEC 61851-1 does not tell the charger a
 * car's phases before it draws. With them Green judges the regular car on its own minimum charging power from the
 * moment it is plugged in (manual §5.1.2: 1.4 kW single-phase, 4 kW three-phase), as evcc judges a vehicle configured
 * with its {@code phases}; without them (a charger that never saw a car draw) it judges the car as the smallest one,
 * single-phase ({@link GreenLogic#SMALLEST_CAR}).
 *
 * <p>The file holds one line, the phases 0 = L1 separated by commas ({@code 0,1,2}); written atomically and only when
 * the car seen differs (a board's flash). A damaged or unreadable file is no memory: the car is judged as the smallest.
 * Not thread-safe on its own: the component calls it under its lock.
 */
final class CarMemory {

    /** The file in the bundle's data area. */
    static final String FILE = "green-car-phases";

    private final Path file;
    private final Consumer<String> warn;
    private List<Integer> phases;

    /**
     * @param dataArea the bundle's data area ({@code bundleContext::getDataFile}); null, or a null answer (a framework
     *                 without file system), keeps the phases in memory only, until the component stops
     * @param warn     told when the file cannot be read or written (WARN: the installer can act on a full or read-only
     *                 data area)
     */
    CarMemory(Function<String, File> dataArea, Consumer<String> warn) {
        File f = dataArea == null ? null : dataArea.apply(FILE);
        this.file = f == null ? null : f.toPath();
        this.warn = warn;
        this.phases = read();
    }

    /** Nothing kept, nothing read: a charger that has not seen a car draw. */
    static CarMemory none() {
        return new CarMemory(null, w -> { });
    }

    /** The phases (0 = L1) the last car drew on; empty when no car was seen drawing. */
    List<Integer> phases() {
        return phases;
    }

    /** The car now plugged in draws on {@code seen}: kept for the next plug-in, written only when it changed. */
    void remember(List<Integer> seen) {
        if (seen.isEmpty() || seen.equals(phases)) {
            return;
        }
        phases = List.copyOf(seen);
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, format(phases) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            warn.accept("The phases of the car (" + format(phases) + ") could not be kept in " + file
                    + "; after a restart the next car is judged as a single-phase one until it draws: " + e);
        }
    }

    private List<Integer> read() {
        if (file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            warn.accept("The phases of the last car could not be read from " + file
                    + "; the next car is judged as a single-phase one until it draws: " + e);
            return List.of();
        }
    }

    /** {@code 0,1,2} → [0, 1, 2]; anything but distinct ascending phases 0..2 is no memory. */
    static List<Integer> parse(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.strip().split(",")) {
            int p = Integer.parseInt(part.strip());
            if (p < 0 || p > 2 || (!out.isEmpty() && p <= out.get(out.size() - 1))) {
                throw new IllegalArgumentException("not a phase list: " + text.strip());
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    static String format(List<Integer> phases) {
        StringBuilder b = new StringBuilder();
        for (int p : phases) {
            b.append(b.length() == 0 ? "" : ",").append(p);
        }
        return b.toString();
    }
}
