package org.infinergi.feature.green.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phases of the last car, kept in the bundle's data area across plug-ins and restarts. */
class CarMemoryTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private Function<String, File> dataArea() {
        return name -> dir.resolve(name).toFile();
    }

    @Test
    void theLastCarsPhasesSurviveANewInstanceOnTheSameDataArea() {
        CarMemory first = new CarMemory(dataArea(), warnings::add);
        assertEquals(List.of(), first.phases(), "a charger that never saw a car draw");
        first.remember(List.of(0, 1, 2));
        assertEquals(List.of(0, 1, 2), first.phases());
        assertEquals(List.of(0, 1, 2), new CarMemory(dataArea(), warnings::add).phases(), "after a restart");
        // Another car, single-phase: the memory follows the last car seen drawing.
        first.remember(List.of(0));
        assertEquals(List.of(0), new CarMemory(dataArea(), warnings::add).phases());
        assertEquals(List.of(), warnings);
    }

    @Test
    void theFileIsWrittenOnlyWhenTheCarsPhasesChange() throws IOException {
        CarMemory m = new CarMemory(dataArea(), warnings::add);
        m.remember(List.of(0));
        Path file = dir.resolve(CarMemory.FILE);
        FileTime written = FileTime.fromMillis(0);
        Files.setLastModifiedTime(file, written);
        m.remember(List.of(0));
        m.remember(List.of()); // a car not drawing says nothing of its phases
        assertEquals(written, Files.getLastModifiedTime(file), "a board's flash: no write for the same car");
        assertEquals("0\n", Files.readString(file));
    }

    @Test
    void aDamagedFileIsNoMemory_andSaysSo() throws IOException {
        Files.writeString(dir.resolve(CarMemory.FILE), "1,1,7\n");
        assertEquals(List.of(), new CarMemory(dataArea(), warnings::add).phases());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("judged as a single-phase one"), warnings.get(0));
    }

    @Test
    void withoutADataAreaThePhasesAreKeptInMemoryOnly() {
        CarMemory m = new CarMemory(name -> null, warnings::add);
        m.remember(List.of(0, 1, 2));
        assertEquals(List.of(0, 1, 2), m.phases());
        assertEquals(List.of(), CarMemory.none().phases());
        assertEquals(List.of(), warnings);
    }
}
