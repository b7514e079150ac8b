package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class InfoServletTest {

    @Test
    void modelMacAndBundles_neverTheSerial() {
        org.infinergi.core.charging.api.Device device = new org.infinergi.core.charging.api.Device() {
            public String model() { return "INFINERGI-3T-DR"; }
            public String serial() { return "21/001-000001"; }
            public String mac() { return "00:11:22:33:44:55"; }
            public int phases() { return 3; }
            public int ratedCurrentA() { return 32; }
            public boolean tethered() { return true; }
            public boolean midMeterTerminal() { return true; }
        };
        ObjectNode info = InfoServlet.info(new ObjectMapper(), device,
                List.of(new InfoServlet.FirmwareBundle("org.infinergi.feature.web", "0.1.0.SNAPSHOT", "ACTIVE")));
        assertEquals("INFINERGI-3T-DR", info.get("model").asText());
        assertEquals("00:11:22:33:44:55", info.get("mac").asText());
        assertEquals("0.1.0.SNAPSHOT", info.get("bundles").get(0).get("version").asText());
        // the serial is the admin's default password (manual §6.1.2.1): not for the user's endpoint
        assertFalse(info.toString().contains("000001"), info.toString());
    }

    @Test
    void withoutTheDeviceServiceTheFieldsAreNull() {
        ObjectNode info = InfoServlet.info(new ObjectMapper(), null, List.of());
        assertEquals(true, info.get("model").isNull());
        assertEquals(0, info.get("bundles").size());
    }
}
