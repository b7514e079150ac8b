package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/** How OCPP Reset restarts the firmware: Karaf's reboot protocol, or the OSGi restart without Karaf. */
class FrameworkRestarterTest {

    private final List<String> calls = new ArrayList<>();
    private final Map<String, String> props = new LinkedHashMap<>();

    private Bundle systemBundle() {
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> {
                    if ((m.getName().equals("update") || m.getName().equals("stop")) && a == null) {
                        calls.add(m.getName());
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void soft_underKarafsScript_isAFreshJvmToo_theInJvmRestartRunsOutOfMetaspace() throws Exception {
        new FrameworkRestarter(systemBundle(), true, true, props::put).restart(false);
        assertEquals(Map.of("karaf.restart.jvm", "true", "karaf.restart", "true"), props);
        assertEquals(List.of("stop"), calls);
    }

    @Test
    void hard_underKarafsScript_isAFreshJvm() throws Exception {
        new FrameworkRestarter(systemBundle(), true, true, props::put).restart(true);
        assertEquals(Map.of("karaf.restart.jvm", "true", "karaf.restart", "true"), props);
        assertEquals(List.of("stop"), calls);
    }

    @Test
    void withoutAScriptToStartAJvm_isKarafsInJvmRestart() throws Exception {
        new FrameworkRestarter(systemBundle(), true, false, props::put).restart(true);
        assertEquals("false", props.get("karaf.restart.jvm"));
        assertEquals("true", props.get("karaf.restart"));
    }

    @Test
    void withoutKaraf_isAnUpdateOfTheSystemBundle() throws Exception {
        new FrameworkRestarter(systemBundle(), false, false, props::put).restart(true);
        assertTrue(props.isEmpty());
        assertEquals(List.of("update"), calls);
    }
}
