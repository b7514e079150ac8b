package org.infinergi.driver.pilot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * One owner per setting (CONVENTIONS 16): of this bundle's components only the board map reads
 * {@value PilotConfig#PID}; the drivers get the map as a service, and none reads a PID of another bundle (the
 * model's phases come from the core's Device service).
 */
class OnePidOneOwnerTest {

    private static final Pattern NAME = Pattern.compile("<scr:component [^>]*name=\"([^\"]+)\"");
    private static final Pattern PIDS = Pattern.compile("<scr:component [^>]*configuration-pid=\"([^\"]+)\"");

    @Test
    void onlyTheBoardMapReadsThePilotPid() throws IOException {
        List<String> readers = new ArrayList<>();
        try (DirectoryStream<Path> xmls = Files.newDirectoryStream(Path.of("target/classes/OSGI-INF"), "*.xml")) {
            for (Path xml : xmls) {
                String text = Files.readString(xml);
                Matcher name = NAME.matcher(text);
                assertTrue(name.find(), xml.toString());
                Matcher pids = PIDS.matcher(text);
                if (pids.find()) {
                    assertFalse(pids.group(1).contains(" "), name.group(1) + " reads several PIDs: " + pids.group(1));
                    assertTrue(pids.group(1).startsWith("org.infinergi.driver.pilot"),
                            name.group(1) + " reads another bundle's PID " + pids.group(1));
                    readers.add(name.group(1) + " " + pids.group(1));
                }
            }
        }
        assertEquals(List.of("org.infinergi.driver.pilot.board " + PilotConfig.PID), readers);
    }
}
