package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Manual §5.1.2, §5.5 on the booted 3T-DR sim image with {@code activeMode = GREEN} and the simulated Modbus grid meter
 * ({@code gridMeter = MODBUS}): a household and a PV plant set through {@code POST /api/sim/site}; the charge waits
 * for the sun, follows the surplus, goes to full power on Boost and back, and pauses when the sun goes. The smoothing
 * is shortened so the test takes seconds (the defaults are unit-tested in feature.green).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GreenModeTest {

    private static final String IMAGE = "3T-DR-sim";
    /** A loaded 2-core machine takes about 30 s to boot an image; the wait ends as soon as it is ready. */
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration STEP = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    private Http http;

    @Configuration
    public Option[] config() {
        // The sim's Modbus devices on free loopback ports (the grid meter shares the MID meter's line, unit 2).
        int mid = Images.freePort();
        int ct = Images.freePort();
        return OptionUtils.combine(Images.boot(IMAGE),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "midMeterPort", String.valueOf(mid)),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "ctRemotePort", String.valueOf(ct)),
                editConfigurationFilePut("etc/org.infinergi.meter.modbus-mid.cfg", "tcpPort", String.valueOf(mid)),
                editConfigurationFilePut("etc/org.infinergi.meter.modbus-grid.cfg", "tcpPort", String.valueOf(mid)),
                editConfigurationFilePut("etc/org.infinergi.meter.modbus-ct.cfg", "tcpPort", String.valueOf(ct)),
                editConfigurationFilePut("etc/org.infinergi.metering.cfg", "gridMeter", "MODBUS"),
                editConfigurationFilePut("etc/org.infinergi.charging.cfg", "activeMode", "GREEN"),
                editConfigurationFilePut("etc/org.infinergi.green.cfg", "startDelayS", "2"),
                editConfigurationFilePut("etc/org.infinergi.green.cfg", "smoothingS", "0"),
                editConfigurationFilePut("etc/org.infinergi.green.cfg", "minOnS", "0"),
                editConfigurationFilePut("etc/org.infinergi.green.cfg", "minOffS", "0"),
                editConfigurationFilePut("etc/org.infinergi.green.cfg", "cloudImportWh", "0"));
    }

    @Before
    public void chargerIsIdle() {
        http = Http.ofIdleCharger(context, BOOT);
    }

    @Test
    public void theChargeWaitsForTheSun_followsTheSurplus_boostsAndPausesWhenTheSunGoes() {
        // Night: 300 W of house on each phase, no sun. A three-phase car waits for green energy.
        http.post("/api/sim/site", "{\"houseW\": [300, 300, 300], \"pvW\": 0}");
        http.ev("charge", 16, 3);
        await("paused: green energy not available").atMost(STEP).ignoreExceptions()
                .until(() -> status().path("detail").asText().contains("Green energy not available"));
        assertEquals(0.0, status().path("offeredCurrentA").asDouble(), 0);

        // 7.8 kW of sun: 6.9 kW of surplus over the house, 10 A on each phase.
        http.post("/api/sim/site", "{\"houseW\": [300, 300, 300], \"pvW\": 7800}");
        await("charging on the surplus at about 10 A").atMost(STEP).ignoreExceptions()
                .until(() -> charging() && Math.abs(status().path("offeredCurrentA").asDouble() - 10) <= 1.0);

        // Boost: full power regardless of the surplus (the car takes its 16 A).
        JsonNode boost = http.control("boost");
        assertTrue(boost.toString(), boost.path("boost").path("active").asBoolean());
        await("Boost at full power").atMost(STEP).ignoreExceptions()
                .until(() -> status().path("offeredCurrentA").asDouble() >= 16);
        http.control("boostOff");
        await("back to Green at about 10 A").atMost(STEP).ignoreExceptions()
                .until(() -> charging() && Math.abs(status().path("offeredCurrentA").asDouble() - 10) <= 1.0);

        // The sun goes: Green pauses the charge.
        http.post("/api/sim/site", "{\"houseW\": [300, 300, 300], \"pvW\": 0}");
        await("paused when the sun goes").atMost(STEP).ignoreExceptions()
                .until(() -> status().path("offeredCurrentA").asDouble() == 0
                        && status().path("detail").asText().contains("Green energy not available"));
        http.ev("unplug");
    }

    private JsonNode status() {
        return http.get("/api/status");
    }

    private boolean charging() {
        return "CHARGING".equals(status().path("state").asText());
    }
}
