package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;

/** The target filter derived from the configured model: it selects that model's service and no other. */
class ModelTargetTest {

    private static boolean selects(String filter, String model) throws Exception {
        return FrameworkUtil.createFilter(filter).matches(Map.of("infinergi.meter.model", model, "objectClass",
                new String[] {"org.infinergi.driver.modbusmeters.bus.MeterModel"}));
    }

    @Test
    void theModelAsPrintedOnTheMeterSelectsItsServiceOnly() throws Exception {
        assertEquals("(infinergi.meter.model=DTS353F-2)", ModelTarget.of(" dts353f-2 "));
        assertTrue(selects(ModelTarget.of("DTS353F-2"), "DTS353F-2"));
        assertFalse(selects(ModelTarget.of("SDM72D"), "SDM72D-V1"), "SDM72D is not the v1 map");
        assertFalse(selects(ModelTarget.of("SDM72D-V1"), "SDM72D"));
    }

    @Test
    void aWildcardInTheConfiguredModelIsNoWildcard() throws Exception {
        assertFalse(selects(ModelTarget.of("SDM*"), "SDM230"));
        assertFalse(selects(ModelTarget.of("*"), "EM340"));
    }

    @Test
    void noModelAndTheDefaultTargetSelectNothing() throws Exception {
        assertEquals(ModelTarget.NONE, ModelTarget.of(" "));
        assertFalse(selects(ModelTarget.NONE, "SDM230"));
        assertFalse(FrameworkUtil.createFilter(ModelTarget.NONE).match(new Hashtable<>(Map.of("objectClass", "x"))));
    }
}
