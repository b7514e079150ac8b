package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 15 "Safe re-closing": a console {@code bundle:update} of the pilot driver or of the core during a charge
 * (not the signed update path, which defers them) gives one session — the core keeps the session in progress when
 * it stops and resumes it when it comes back with the vehicle still connected — and no phantom D3/D5 in the error
 * history. Seen from the user's side only ({@code /api/status}, {@code /api/sessions}, {@code /api/errors}): the
 * services the test could inject go away with the bundles it updates.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleBundleUpdateTest {

    private static final String IMAGE = "3T-DR-sim";
    /** A loaded 2-core machine takes about 30 s to boot an image; the wait ends as soon as it is ready. */
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration STEP = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    private Http http;

    @Configuration
    public Option[] config() {
        int mid = Images.freePort();
        int ct = Images.freePort();
        return OptionUtils.combine(Images.boot(IMAGE),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "midMeterPort", String.valueOf(mid)),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "ctRemotePort", String.valueOf(ct)),
                editConfigurationFilePut("etc/org.infinergi.meter.modbus-mid.cfg", "tcpPort", String.valueOf(mid)),
                editConfigurationFilePut("etc/org.infinergi.meter.modbus-ct.cfg", "tcpPort", String.valueOf(ct)));
    }

    @Before
    public void chargerIsIdle() {
        http = new Http(Integer.parseInt(context.getProperty(Images.HTTP_PORT_PROPERTY)));
        awaitState("VEHICLE_NOT_CONNECTED", BOOT);
    }

    @Test
    public void updatingThePilotDriverDuringACharge_oneSession_noPhantomError() throws Exception {
        updateDuringACharge("org.infinergi.driver.pilot");
    }

    @Test
    public void updatingTheCoreDuringACharge_oneSession_noPhantomError() throws Exception {
        updateDuringACharge("org.infinergi.core.charging");
    }

    private void updateDuringACharge(String symbolicName) throws Exception {
        int sessionsBefore = http.get("/api/sessions?limit=1000").size();
        int errorsBefore = http.get("/api/errors?limit=1000").size();
        http.ev("charge", 16, 3);
        awaitState("CHARGING", STEP);
        double energyBefore = await().atMost(STEP).ignoreExceptions().until(
                () -> http.get("/api/status").get("sessionEnergyWh").asDouble(), e -> e > 0);

        Bundle bundle = bundle(symbolicName);
        long modified = bundle.getLastModified();
        bundle.update(); // what `bundle:update <name>` does on the console, from the bundle's own location
        assertNotEquals("the bundle was replaced", modified, bundle(symbolicName).getLastModified());

        awaitState("CHARGING", STEP);
        await("the same session goes on, its energy with it").atMost(STEP).ignoreExceptions()
                .until(() -> http.get("/api/status").get("sessionEnergyWh").asDouble() > energyBefore + 0.5);
        http.ev("unplug");
        awaitState("VEHICLE_NOT_CONNECTED", STEP);

        JsonNode sessions = await().atMost(STEP).ignoreExceptions().until(
                () -> http.get("/api/sessions?limit=1000"), s -> s.size() > sessionsBefore);
        assertEquals("one session across the update: " + sessions, sessionsBefore + 1, sessions.size());
        JsonNode session = sessions.get(0);
        assertEquals(session.toString(), "VEHICLE_DISCONNECTED", session.get("endReason").asText());
        JsonNode errors = http.get("/api/errors?limit=1000");
        assertEquals("no error episode from the update: " + errors, errorsBefore, errors.size());
    }

    private void awaitState(String state, Duration atMost) {
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> state.equals((last[0] = http.get("/api/status")).get("state").asText()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("expected state " + state + "; last status " + last[0] + "; errors "
                    + describe("/api/errors"), e);
        }
    }

    private String describe(String path) {
        try {
            return String.valueOf(http.get(path));
        } catch (RuntimeException e) {
            return path + " unavailable: " + e;
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
