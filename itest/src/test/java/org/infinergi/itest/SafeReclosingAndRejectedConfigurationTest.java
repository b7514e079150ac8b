package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

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
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 15 on the 3U-DR sim image (the image the issue was seen on): after V2 with the DC leakage still injected a
 * reset does not re-close the contactor — refused while the vehicle is plugged in, as often as it is repeated, and
 * not one watt-hour flows; and one place lists every rejected configuration: an invalid authentication configuration
 * and an emptied {@code maxChargeRateA} show in {@code /api/status} ({@code configurationError},
 * {@code rejectedConfigurations}) while the previous configuration stays in force.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SafeReclosingAndRejectedConfigurationTest {

    private static final String IMAGE = "3U-DR-sim";
    /** A loaded 2-core machine takes about 30 s to boot an image; the wait ends as soon as it is ready. */
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private Http http;

    @Configuration
    public Option[] config() {
        // The simulated MID meter and CT remote device on free ports, so a charger running on this machine does not
        // answer in their place (as SimChargerTest).
        int mid = Images.freePort();
        int ct = Images.freePort();
        return OptionUtils.combine(Images.boot(IMAGE),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "midMeterPort", String.valueOf(mid)),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "ctRemotePort", String.valueOf(ct)),
                editConfigurationFilePut("etc/org.infinergi.meter.modbus-mid.cfg", "tcpPort", String.valueOf(mid)),
                editConfigurationFilePut("etc/org.infinergi.meter.modbus-ct.cfg", "tcpPort", String.valueOf(ct)));
    }

    @Before
    public void chargerIsIdleAndHealthy() {
        http = new Http(Integer.parseInt(context.getProperty(Images.HTTP_PORT_PROPERTY)));
        await("/api/status reports VEHICLE_NOT_CONNECTED without error").atMost(BOOT).pollInterval(POLL)
                .ignoreExceptions().until(() -> {
                    JsonNode s = http.get("/api/status");
                    return "VEHICLE_NOT_CONNECTED".equals(s.path("state").asText()) && s.path("error").isNull();
                });
    }

    @Test
    public void v2_theLeakageStays_resetsDoNotReCloseTheContactor() {
        http.ev("charge", 32, 3);
        await("charging, current flowing").atMost(STEP).pollInterval(POLL).until(() ->
                "CHARGING".equals(http.get("/api/status").path("state").asText())
                        && http.get("/api/sim").path("evCurrentA").asDouble() > 0);
        http.fault("V2", true);
        await("V2, contactor open, nothing flows").atMost(STEP).pollInterval(POLL).until(() -> {
            JsonNode s = http.get("/api/status");
            JsonNode w = http.get("/api/sim");
            return "V2".equals(s.path("error").asText()) && !w.path("contactor").asBoolean()
                    && w.path("evCurrentA").asDouble() == 0;
        });
        double energy = http.get("/api/sim").path("evEnergyWh").asDouble();

        for (int attempt = 0; attempt < 3; attempt++) {
            JsonNode reset = http.control("reset");
            assertFalse("reset " + attempt + " refused: " + reset, reset.path("accepted").asBoolean());
            assertTrue(reset.toString(), reset.path("message").asText().contains("disconnect the vehicle first"));
            nothingFlowsForTwoSimulatedSeconds("reset " + attempt + " with the leakage still there");
        }
        assertEquals("not one more watt-hour", energy, http.get("/api/sim").path("evEnergyWh").asDouble(), 0.0);
        JsonNode s = http.get("/api/status");
        assertEquals(s.toString(), "V2", s.path("error").asText());

        // Leave the world healthy for the next test: leakage gone, vehicle out, reset.
        http.fault("V2", false);
        http.ev("unplug");
        await("vehicle gone").atMost(STEP).pollInterval(POLL)
                .until(() -> "A".equals(http.get("/api/status").path("pilot").asText()));
        assertTrue(http.control("reset").path("accepted").asBoolean());
    }

    /** The sim's clock runs two seconds on; at no poll is the contactor commanded or current drawn. */
    private void nothingFlowsForTwoSimulatedSeconds(String why) {
        double until = http.get("/api/sim").path("timeS").asDouble() + 2.0;
        await(why).atMost(STEP).pollInterval(POLL)
                .failFast(why + ": the contactor closed", () -> {
                    JsonNode w = http.get("/api/sim");
                    return w.path("contactorCommanded").asBoolean() || w.path("contactor").asBoolean()
                            || w.path("evCurrentA").asDouble() > 0
                            || http.get("/api/status").path("contactorClosed").asBoolean();
                })
                .until(() -> http.get("/api/sim").path("timeS").asDouble() >= until);
    }

    @Test
    public void everyRejectedConfiguration_authenticationAndAnEmptiedMaximum_inTheStatus() throws Exception {
        org.osgi.service.cm.Configuration auth = configAdmin.getConfiguration("org.infinergi.auth", "?");
        org.osgi.service.cm.Configuration charging = configAdmin.getConfiguration("org.infinergi.charging", "?");
        Dictionary<String, Object> authBefore = auth.getProperties();
        Dictionary<String, Object> chargingBefore = charging.getProperties();
        try {
            charging.update(props("activeMode", "FAST", "maxChargeRateA", "10"));
            http.ev("plug");
            await("10 A offered").atMost(STEP).pollInterval(POLL)
                    .until(() -> http.get("/api/status").path("offeredCurrentA").asDouble() == 10.0);

            auth.update(props("mode", "TURBO"));
            charging.update(props("activeMode", "FAST", "maxChargeRateA", ""));
            await("both rejections listed").atMost(STEP).pollInterval(POLL)
                    .until(() -> http.get("/api/status").path("rejectedConfigurations").size() == 2);
            JsonNode s = http.get("/api/status");
            assertTrue(s.toString(), s.path("configurationError").asText()
                    .contains("org.infinergi.auth: mode=TURBO rejected"));
            assertTrue(s.toString(), s.path("configurationError").asText()
                    .contains("org.infinergi.charging: maxChargeRateA=\"\" rejected: empty value"));
            JsonNode listed = s.path("rejectedConfigurations");
            assertTrue(listed.toString(), listed.toString().contains("{\"pid\":\"org.infinergi.auth\",\"key\":\"mode\","
                    + "\"value\":\"TURBO\""));
            assertTrue(listed.toString(), listed.toString().contains("{\"pid\":\"org.infinergi.charging\","
                    + "\"key\":\"maxChargeRateA\",\"value\":\"\\\"\\\"\""));
            assertEquals("the installer's 10 A stay: " + s, 10.0, s.path("offeredCurrentA").asDouble(), 0.0);
        } finally {
            http.ev("unplug");
            auth.update(authBefore == null ? props("mode", "FREE") : authBefore);
            charging.update(chargingBefore == null ? props("activeMode", "FAST", "maxChargeRateA", "32")
                    : chargingBefore);
        }
        await("nothing rejected once restored").atMost(STEP).pollInterval(POLL)
                .until(() -> http.get("/api/status").path("rejectedConfigurations").size() == 0);
    }

    @Test
    public void anEmptiedValueOfAFeaturesPid_isListedInTheStatus() throws Exception {
        // Issue 15 "for every PID": a feature's PID (read through its Metatype annotation), not only the core's.
        org.osgi.service.cm.Configuration update = configAdmin.getConfiguration("org.infinergi.update", "?");
        Dictionary<String, Object> before = update.getProperties();
        try {
            update.update(props("allowDowngrade", "", "maxSizeKiB", "100"));
            await("the update PID's rejection listed").atMost(STEP).pollInterval(POLL)
                    .until(() -> http.get("/api/status").path("rejectedConfigurations").toString()
                            .contains("{\"pid\":\"org.infinergi.update\",\"key\":\"allowDowngrade\""));
            JsonNode s = http.get("/api/status");
            assertTrue(s.toString(), s.path("configurationError").asText()
                    .contains("org.infinergi.update: allowDowngrade=\"\" rejected: empty value"));
        } finally {
            if (before == null) {
                update.delete();
            } else {
                update.update(before);
            }
        }
        await("nothing rejected once restored").atMost(STEP).pollInterval(POLL)
                .until(() -> http.get("/api/status").path("rejectedConfigurations").size() == 0);
    }

    @Test
    public void aSecondVehicleMeterAndAnUnknownModel_areListedInTheStatus_theMidMeterGoesOn() throws Exception {
        // Issue 19: the Modbus meter's configuration is refused like any other (ConfigurationOwner), not by a failed
        // activation that nothing lists; the MID meter's previous configuration stays in force.
        org.osgi.service.cm.Configuration mid = configAdmin.listConfigurations(
                "(&(service.factoryPid=org.infinergi.meter.modbus)(role=VEHICLE))")[0];
        Dictionary<String, Object> before = mid.getProperties();
        org.osgi.service.cm.Configuration second = configAdmin.getFactoryConfiguration("org.infinergi.meter.modbus",
                "mid2", "?");
        try {
            second.update(props("model", "SDM230", "role", "VEHICLE", "host", "127.0.0.1", "tcpPort", "1"));
            Dictionary<String, Object> unknown = mid.getProperties();
            unknown.put("model", "EM999");
            mid.update(unknown);
            await("both meter rejections listed").atMost(STEP).pollInterval(POLL)
                    .until(() -> http.get("/api/status").path("rejectedConfigurations").size() == 2);
            String listed = http.get("/api/status").path("rejectedConfigurations").toString();
            assertTrue(listed, listed.contains("{\"pid\":\"org.infinergi.meter.modbus~mid2\",\"key\":\"role\","
                    + "\"value\":\"VEHICLE\",\"reason\":\"" + mid.getPid() + " is already the vehicle meter: a "
                    + "charging station has only one MID meter (manual §4.7)\"}"));
            assertTrue(listed, listed.contains("{\"pid\":\"" + mid.getPid() + "\",\"key\":\"model\","
                    + "\"value\":\"EM999\",\"reason\":\"must be one of the installed models: "));
            assertEquals("the MID meter goes on with its previous model", 1, context.getServiceReferences(
                    "org.infinergi.core.charging.hal.Meter", "(&(infinergi.meter.role=VEHICLE)"
                            + "(infinergi.meter.model=SDM72D))").length);
        } finally {
            second.delete();
            mid.update(before);
        }
        await("nothing rejected once restored").atMost(STEP).pollInterval(POLL)
                .until(() -> http.get("/api/status").path("rejectedConfigurations").size() == 0);
    }

    private static Dictionary<String, Object> props(String... keyValues) {
        Dictionary<String, Object> d = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put(keyValues[i], keyValues[i + 1]);
        }
        return d;
    }
}
