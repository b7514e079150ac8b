package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * One owner per setting (CONVENTIONS 16): in the component descriptions bnd generates for this bundle, no component
 * reads several configuration PIDs (so no image needs a placeholder etc file for Felix SCR) and no PID is read by
 * two components; the others get the values as a service.
 */
class OnePidOneOwnerTest {

    private static final Pattern NAME = Pattern.compile("<scr:component [^>]*name=\"([^\"]+)\"");
    private static final Pattern PIDS = Pattern.compile("<scr:component [^>]*configuration-pid=\"([^\"]+)\"");

    @Test
    void everyPidHasExactlyOneOwner_noComponentReadsSeveral() throws IOException {
        Map<String, String> owners = new HashMap<>();
        try (DirectoryStream<Path> xmls = Files.newDirectoryStream(Path.of("target/classes/OSGI-INF"), "*.xml")) {
            for (Path xml : xmls) {
                String text = Files.readString(xml);
                Matcher name = NAME.matcher(text);
                assertTrue(name.find(), xml.toString());
                Matcher pids = PIDS.matcher(text);
                String pid = pids.find() ? pids.group(1) : name.group(1);
                assertFalse(pid.contains(" "), name.group(1) + " reads several PIDs: " + pid);
                assertNull(owners.put(pid, name.group(1)), pid + " read by " + owners.get(pid) + " and "
                        + name.group(1));
            }
        }
        for (String pid : List.of(Pids.DEVICE, Pids.INSTALLATION, Pids.CHARGING, Pids.CORE, Pids.AVAILABILITY,
                Pids.METERING, Pids.THERMAL, Pids.HISTORY)) {
            assertTrue(owners.containsKey(pid), pid + " has an owner: " + owners);
        }
        assertEquals("org.infinergi.core.charging.device", owners.get(Pids.DEVICE));
        assertEquals("org.infinergi.core.charging.installation", owners.get(Pids.INSTALLATION));
    }
}
