package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * Manual §4.6, §5.2.2 on the booted 3T sim image with {@code gridMeter = CT}: a household and a PV plant set through
 * {@code POST /api/sim/site}, the simulated CTs' sine waves read by the real CT driver (RMS, direction) and shown by
 * {@code GET /api/readings} with the right sign per phase — export where the sun outweighs the house, import where the
 * house or the charging car outweighs it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GridMeasurementTest {

    private static final String IMAGE = "3T-sim";
    /** A loaded 2-core machine takes about 30 s to boot an image; the wait ends as soon as it is ready. */
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration STEP = Duration.ofSeconds(15);

    @Inject
    private BundleContext context;

    private Http http;

    @Configuration
    public Option[] config() {
        // The sim's Modbus devices on free loopback ports, so a charger running on this machine does not answer.
        int mid = Images.freePort();
        int ct = Images.freePort();
        return OptionUtils.combine(Images.boot(IMAGE),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "midMeterPort", String.valueOf(mid)),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "ctRemotePort", String.valueOf(ct)),
                editConfigurationFilePut("etc/org.infinergi.meter.modbus-ct.cfg", "tcpPort", String.valueOf(ct)),
                editConfigurationFilePut("etc/org.infinergi.metering.cfg", "gridMeter", "CT"));
    }

    @Before
    public void chargerIsIdle() {
        http = Http.ofIdleCharger(context, BOOT);
    }

    @Test
    public void theSitesImportAndExportPerPhaseReachReadingsThroughTheWiredCts() {
        // 1500 W of sun on each phase: L1 imports 500 W, L2 exports 1000 W, L3 exports 1200 W.
        http.post("/api/sim/site", "{\"houseW\": [2000, 500, 300], \"pvW\": 4500}");
        JsonNode site = http.get("/api/sim").get("site");
        assertEquals(4500, site.get("pvW").asDouble(), 0);
        assertGridFollowsTheSite(new int[] {+1, -1, -1});

        // A car charging at 16 A on three phases (3.7 kW each): every phase imports now.
        http.ev("charge", 16, 3);
        await("the car charges").atMost(STEP).ignoreExceptions()
                .until(() -> http.get("/api/sim").get("evPowerW").asDouble() > 10_000);
        assertGridFollowsTheSite(new int[] {+1, +1, +1});

        JsonNode readings = http.get("/api/readings");
        List<String> meters = new ArrayList<>();
        readings.get("meters").forEach(m -> meters.add(m.get("role").asText() + "/" + m.get("source").asText()
                + "/" + m.get("inUse").asBoolean()));
        assertTrue(meters.toString(), meters.contains("VEHICLE/INTERNAL/true"));
        assertTrue(meters.toString(), meters.contains("GRID/CT/true"));
        assertTrue(meters.toString(), meters.contains("GRID/CT_REMOTE/false"));
        http.ev("unplug");
    }

    /**
     * Waits until the grid reading shows the sim's grid per phase (the CTs measure once a second over whole cycles)
     * with the expected signs: within 3 % and 40 W of what the world puts through the grid connection.
     */
    private void assertGridFollowsTheSite(int[] signs) {
        String[] last = {""};
        try {
            await("the grid reading follows the site").atMost(STEP).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions().until(() -> {
                        double[] expected = new double[3];
                        JsonNode w = http.get("/api/sim").get("site").get("gridPowersW");
                        for (int p = 0; p < 3; p++) {
                            expected[p] = w.get(p).asDouble();
                        }
                        JsonNode grid = http.get("/api/readings").get("grid");
                        last[0] = grid + " vs the sim's " + w;
                        if (!"FRESH".equals(grid.get("status").asText()) || !"CT".equals(grid.get("source").asText())
                                || grid.get("ageMs").asLong() > 3000) {
                            return false;
                        }
                        double total = 0;
                        for (int p = 0; p < 3; p++) {
                            JsonNode phase = grid.get("phases").get(p);
                            double pw = phase.get("powerW").asDouble();
                            double amps = phase.get("currentA").asDouble();
                            total += pw;
                            if (Math.signum(pw) != signs[p] || Math.signum(amps) != signs[p]
                                    || Math.abs(pw - expected[p]) > 40 + 0.03 * Math.abs(expected[p])) {
                                return false;
                            }
                        }
                        return Math.abs(grid.get("powerW").asDouble() - total) < 3;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("grid reading: " + last[0], e);
        }
    }
}
