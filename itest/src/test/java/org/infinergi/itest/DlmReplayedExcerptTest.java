package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * Issue 16 ("Replay a day in seconds"): a short excerpt of a site trace played through {@code POST /api/sim/site} on
 * the booted 3T-DR sim image (simulated Modbus grid meter, {@code gridMeter = MODBUS}; a three-phase 16 A car) makes
 * the same decisions as bench/energy's replay of the same excerpt — the real core, DLM and Green on a simulated
 * clock ({@code ExcerptReplay}) — within one grid poll period (1 s) and 1 A. The replay runs on the driver side in
 * {@link #config()} with the very settings written into the image; its decisions are in {@code
 * target/replay-<excerpt>}.
 *
 * <ul>
 * <li>{@code dlm-house-step.csv}, Fast mode under {@code maxGridImportW = 11000}: house 500 W a phase, +2 kW on L1
 * at 20 s, back at 32 s — DLM's room 13.45 A, 10.55 A, 13.45 A.</li>
 * <li>{@code green-cloud.csv}, Green mode: house 300 W a phase under 7.8 kW of sun, a cloud at 20 s (5.5 kW: Green
 * lowers), a thicker one at 28 s (1.5 kW: Green pauses), the sun back at 36 s (Green starts again).</li>
 * </ul>
 *
 * <p>What is compared, from the first change of the site to the end of the excerpt, on the world's time
 * ({@code GET /api/sim} sampled every 100 ms; each sample timed from the site change before it, as in the replay):
 * every offer and contactor state the image shows is one the replay showed within a poll period of that time, and
 * every decision of the replay that held half a second or more is shown by the image within a poll period of its
 * time. Before the first change the image is let settle at the replay's decision (the replay ran its first rows from
 * a cold start; the image booted, plugged the car and waited for DLM's resume delay).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DlmReplayedExcerptTest {

    private static final String IMAGE = "3T-DR-sim";
    private static final String DLM_EXCERPT = "dlm-house-step.csv";
    private static final String GREEN_EXCERPT = "green-cloud.csv";
    /** Framework property prefix carrying the replay's decisions into the container. */
    private static final String REPLAY_PROPERTY = "infinergi.itest.replay.";
    private static final int CAR_PHASES = 3;
    private static final int CAR_MAX_A = 16;
    /** One grid poll period (the Modbus meters' default {@code pollMs}): the tolerance in time. */
    private static final double POLL_S = 1.0;
    /** The tolerance on the offer. */
    private static final double AMPS = 1.0;
    /** A replay decision the image must show: held at least this long (the image is sampled every 100 ms). */
    private static final double HELD_S = 0.5;
    /** How long the image must hold the replay's decision before the first change: longer than DLM's grid lag. */
    private static final double SETTLED_S = 3.0;

    /**
     * PID {@code org.infinergi.dlm} as both the image and the replay get it. A grid reading not yet fresh at boot
     * pauses DLM, which then resumes only after {@code resumeDelayS} (60 s): not what this test is about.
     */
    private static final Map<String, Object> DLM = ordered("maxGridImportW", "11000", "resumeDelayS", "2");
    /** PID {@code org.infinergi.green}: GreenModeTest's shortened smoothing and times, so the cloud takes seconds. */
    private static final Map<String, Object> GREEN = ordered("startDelayS", "2", "smoothingS", "0", "minOnS", "0",
            "minOffS", "0", "cloudImportWh", "0");

    /** A loaded 2-core machine takes about 30 s to boot an image; the wait ends as soon as it is ready. */
    private static final Duration BOOT = Duration.ofSeconds(120);
    /** The bound on the car settling before the excerpt's first change. */
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private Http http;

    @Configuration
    public Option[] config() {
        // The sim's Modbus devices on free loopback ports (the grid meter shares the MID meter's line, unit 2).
        int mid = Images.freePort();
        int ct = Images.freePort();
        List<Option> options = new ArrayList<>(List.of(
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "midMeterPort", String.valueOf(mid)),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "ctRemotePort", String.valueOf(ct)),
                editConfigurationFilePut("etc/org.infinergi.meter.modbus-mid.cfg", "tcpPort", String.valueOf(mid)),
                editConfigurationFilePut("etc/org.infinergi.meter.modbus-grid.cfg", "tcpPort", String.valueOf(mid)),
                editConfigurationFilePut("etc/org.infinergi.meter.modbus-ct.cfg", "tcpPort", String.valueOf(ct)),
                editConfigurationFilePut("etc/org.infinergi.metering.cfg", "gridMeter", "MODBUS"),
                editConfigurationFilePut("etc/system.properties", REPLAY_PROPERTY + DLM_EXCERPT,
                        ExcerptReplayer.replay(DLM_EXCERPT, "FAST", CAR_PHASES, CAR_MAX_A, DLM, GREEN)),
                editConfigurationFilePut("etc/system.properties", REPLAY_PROPERTY + GREEN_EXCERPT,
                        ExcerptReplayer.replay(GREEN_EXCERPT, "GREEN", CAR_PHASES, CAR_MAX_A, DLM, GREEN))));
        DLM.forEach((k, v) -> options.add(editConfigurationFilePut("etc/org.infinergi.dlm.cfg", k, (String) v)));
        GREEN.forEach((k, v) -> options.add(editConfigurationFilePut("etc/org.infinergi.green.cfg", k, (String) v)));
        return OptionUtils.combine(Images.boot(IMAGE), options.toArray(Option[]::new));
    }

    @Before
    public void chargerIsIdle() {
        http = Http.ofIdleCharger(context, BOOT);
    }

    @Test
    public void aHouseLoadStepUpAndDown_underTheImportLimit_decidesAsTheReplay() throws IOException {
        activeMode("FAST");
        play(DLM_EXCERPT);
    }

    @Test
    public void aCloudInGreenMode_lowersPausesAndRestarts_asTheReplay() throws IOException {
        activeMode("GREEN");
        play(GREEN_EXCERPT);
    }

    /** One snapshot of the world: the excerpt's time it stands for, the offer the car sees, the contactor. */
    record Sample(double excerptS, double offeredA, boolean contactor) {
    }

    /**
     * Plays {@code excerpt} through {@code /api/sim/site}: its first row, the car until it has settled at the replay's
     * decision, then each change of the site at its second (on the world's clock, counted from the change before
     * it), sampling the world; and compares the samples with the replay's decisions.
     */
    private void play(String excerpt) {
        List<ReplayedExcerpt.Row> rows = ReplayedExcerpt.rows(excerpt);
        List<ReplayedExcerpt.Decision> replay = ReplayedExcerpt.decisions(context.getProperty(REPLAY_PROPERTY
                + excerpt));
        List<ReplayedExcerpt.Row> changes = new ArrayList<>();
        for (int k = 1; k < rows.size(); k++) {
            if (!rows.get(k).sameSite(rows.get(k - 1))) {
                changes.add(rows.get(k));
            }
        }
        double firstS = changes.get(0).t();
        double endS = rows.get(rows.size() - 1).t() + 1;

        http.post("/api/sim/site", rows.get(0).json());
        http.ev("charge", CAR_MAX_A, CAR_PHASES);
        ReplayedExcerpt.Decision before = inForce(replay, firstS - 1e-3);
        settle(excerpt, before);

        List<Sample> samples = new ArrayList<>();
        double[] postedAt = { Double.NaN };
        int[] next = { 0 };
        ReplayedExcerpt.Row[] last = { null };
        Duration bound = Duration.ofSeconds((long) (3 * (endS - firstS)) + 30);
        await(excerpt + " played through /api/sim/site").atMost(bound).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode w = http.get("/api/sim");
                    double now = w.path("timeS").asDouble();
                    if (next[0] < changes.size() && (last[0] == null
                            || now - postedAt[0] >= changes.get(next[0]).t() - last[0].t())) {
                        last[0] = changes.get(next[0]++);
                        postedAt[0] = http.post("/api/sim/site", last[0].json()).path("timeS").asDouble();
                        w = http.get("/api/sim");
                        now = w.path("timeS").asDouble();
                    }
                    double excerptS = last[0].t() + (now - postedAt[0]);
                    samples.add(new Sample(excerptS, w.path("offeredCurrentA").asDouble(),
                            w.path("contactor").asBoolean()));
                    return next[0] == changes.size() && excerptS >= endS;
                });
        http.ev("unplug");
        assertDecidesAsTheReplay(excerpt, samples, replay, firstS, endS);
    }

    /** Waits until the image has shown the replay's decision {@code d} for {@value #SETTLED_S} s of the world's time. */
    private void settle(String excerpt, ReplayedExcerpt.Decision d) {
        double[] since = { Double.NaN };
        List<String> seen = new ArrayList<>();
        try {
            await(excerpt + ": the car settles at the replay's " + d).atMost(SETTLE)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        JsonNode w = http.get("/api/sim");
                        double now = w.path("timeS").asDouble();
                        boolean same = matches(d, w.path("offeredCurrentA").asDouble(), w.path("contactor").asBoolean());
                        seen.add(String.format(Locale.ROOT, "%.1f %.2f %s", now, w.path("offeredCurrentA").asDouble(),
                                w.path("contactor").asBoolean()));
                        since[0] = same ? (Double.isNaN(since[0]) ? now : since[0]) : Double.NaN;
                        return same && now - since[0] >= SETTLED_S;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            fail(e.getMessage() + "; seen " + seen.subList(Math.max(0, seen.size() - 30), seen.size()) + "; status "
                    + http.get("/api/status").path("detail").asText());
        }
    }

    /**
     * Every sample shows a decision the replay made within a poll period of its time; every decision of the replay
     * held {@value #HELD_S} s or more is shown by a sample within a poll period of its time.
     */
    private static void assertDecidesAsTheReplay(String excerpt, List<Sample> samples,
            List<ReplayedExcerpt.Decision> replay, double fromS, double toS) {
        List<String> wrong = new ArrayList<>();
        for (Sample s : samples) {
            if (s.excerptS() < fromS || s.excerptS() > toS) {
                continue;
            }
            boolean shown = false;
            for (ReplayedExcerpt.Decision d : within(replay, s.excerptS() - POLL_S, s.excerptS() + POLL_S)) {
                shown |= matches(d, s.offeredA(), s.contactor());
            }
            if (!shown) {
                wrong.add(String.format(Locale.ROOT, "the image at %.1f s: %.2f A %s, not the replay's within %.0f s",
                        s.excerptS(), s.offeredA(), s.contactor() ? "closed" : "open", POLL_S));
            }
        }
        for (int k = 0; k < replay.size(); k++) {
            ReplayedExcerpt.Decision d = replay.get(k);
            double until = k + 1 < replay.size() ? replay.get(k + 1).timeS() : toS;
            if (d.timeS() < fromS || d.timeS() > toS - POLL_S || until - d.timeS() < HELD_S) {
                continue;
            }
            boolean shown = samples.stream().anyMatch(s -> Math.abs(s.excerptS() - d.timeS()) <= POLL_S
                    && matches(d, s.offeredA(), s.contactor()));
            if (!shown) {
                wrong.add(String.format(Locale.ROOT, "the replay's %.2f A %s at %.1f s not shown by the image within"
                        + " %.0f s", d.offeredA(), d.contactor() ? "closed" : "open", d.timeS(), POLL_S));
            }
        }
        assertTrue(excerpt + ": " + wrong + "\nreplay " + replay + "\nimage " + changesOf(samples), wrong.isEmpty());
    }

    private static boolean matches(ReplayedExcerpt.Decision d, double offeredA, boolean contactor) {
        return Math.abs(d.offeredA() - offeredA) <= AMPS && d.contactor() == contactor;
    }

    /** The replay's decision in force at {@code s}: the last one made by then. */
    private static ReplayedExcerpt.Decision inForce(List<ReplayedExcerpt.Decision> replay, double s) {
        ReplayedExcerpt.Decision in = replay.get(0);
        for (ReplayedExcerpt.Decision d : replay) {
            if (d.timeS() <= s) {
                in = d;
            }
        }
        return in;
    }

    /** The decisions in force at some time of {@code [from, to]}. */
    private static List<ReplayedExcerpt.Decision> within(List<ReplayedExcerpt.Decision> replay, double from,
            double to) {
        List<ReplayedExcerpt.Decision> out = new ArrayList<>();
        out.add(inForce(replay, from));
        for (ReplayedExcerpt.Decision d : replay) {
            if (d.timeS() > from && d.timeS() <= to) {
                out.add(d);
            }
        }
        return out;
    }

    /** The samples where the offer or the contactor changed: a failure's picture of the image. */
    private static List<String> changesOf(List<Sample> samples) {
        List<String> out = new ArrayList<>();
        Sample prev = null;
        for (Sample s : samples) {
            if (prev == null || Math.abs(prev.offeredA() - s.offeredA()) >= 0.01 || prev.contactor() != s.contactor()) {
                out.add(String.format(Locale.ROOT, "%.1f s %.2f A %s", s.excerptS(), s.offeredA(),
                        s.contactor() ? "closed" : "open"));
            }
            prev = s;
        }
        return out;
    }

    /** Sets the active mode (manual §7.2.1) through its PID and waits until the core reports it. */
    private void activeMode(String mode) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration("org.infinergi.charging", null);
        Dictionary<String, Object> p = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        p.put("activeMode", mode);
        c.update(p);
        await("the core runs " + mode).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> mode.equals(http.get("/api/status").path("mode").asText()));
    }

    private static Map<String, Object> ordered(String... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < keyValues.length; k += 2) {
            m.put(keyValues[k], keyValues[k + 1]);
        }
        return m;
    }
}
