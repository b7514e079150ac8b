package org.infinergi.feature.green.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.infinergi.core.charging.api.ChargerStatusService;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.feature.green.api.GreenCharging;

/** The real Green component on a clock the energy replay moves (its package-private constructor; no OSGi). */
public final class ReplayGreen {

    private ReplayGreen() {
    }

    /**
     * @param properties PID {@code org.infinergi.green} as Config Admin would give it
     * @param status     the core, as SCR binds it (Boost asks it whether the mode is Green)
     * @return the component: the core's mode service for GREEN, and {@link GreenCharging} for Boost
     */
    public static GreenComponent create(ElectricalReadings readings, Clock clock, Map<String, Object> properties,
            ChargerStatusService status) {
        return create(readings, clock, properties, status, List.of());
    }

    /**
     * The component started on a data area where an earlier session left the phases its car drew on ({@link
     * CarMemory}, written the way the component writes it).
     *
     * @param rememberedPhases the phases (0 = L1) the last car drew on; empty: a charger that never saw a car draw
     */
    public static GreenComponent create(ElectricalReadings readings, Clock clock, Map<String, Object> properties,
            ChargerStatusService status, List<Integer> rememberedPhases) {
        Function<String, File> dataArea = dataArea();
        new CarMemory(dataArea, w -> { }).remember(rememberedPhases);
        GreenComponent green = new GreenComponent(readings, clock, dataArea, properties);
        green.statusService = status;
        return green;
    }

    /** A fresh bundle data area for one replay, removed when the JVM ends. */
    private static Function<String, File> dataArea() {
        try {
            Path dir = Files.createTempDirectory("replay-green-data");
            dir.toFile().deleteOnExit();
            return name -> {
                File f = dir.resolve(name).toFile();
                f.deleteOnExit();
                return f;
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
