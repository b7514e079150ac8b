package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.feature.update.api.BundleUpdates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A charge point with its transactions and the management profiles (Remote Trigger, Reservation, Firmware
 * Management) on a time the test moves ({@link ManualTimers}, a clock that follows it); the transfers run on a real
 * thread and come back to the test's thread through {@link #deliver()} (as they come back to the client's thread).
 */
final class ManagementHarness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private static final OcppSchemas SCHEMAS = OcppSchemas.load();
    private final ObjectMapper json = new ObjectMapper();
    final ManualTimers timers = new ManualTimers();
    final List<String> sent = new ArrayList<>();
    final ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
    /** The time of the timers: starts at {@link #T0}. */
    private Duration elapsed = Duration.ZERO;
    /** How long after {@link #T0} this harness starts (a restart later on the same data area). */
    private Duration startedAfter = Duration.ZERO;
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return T0.plus(startedAfter).plus(elapsed);
        }
    };
    /** The outcomes of the transfers, to run on the test's thread. */
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    final ChargePoint cp;
    final Transactions tx;
    final ManagementProfiles management;
    double sessionEnergyWh;

    ManagementHarness(Path data, Path logs, Supplier<BundleUpdates> updates) {
        this(data, logs, updates, name -> null);
    }

    ManagementHarness(Path data, Path logs, Supplier<BundleUpdates> updates,
            java.util.function.Function<String, String> installedVersion) {
        this(data, logs, updates, installedVersion, Duration.ZERO);
    }

    /** A harness whose clock starts {@code startedAfter} after {@link #T0}: a restart later on the same data area. */
    ManagementHarness(Path data, Path logs, Supplier<BundleUpdates> updates,
            java.util.function.Function<String, String> installedVersion, Duration startedAfter) {
        this.startedAfter = startedAfter;
        cp = new ChargePoint(new Frames(), SCHEMAS, new BootInfo("SEMAR", "INFINERGI-3T-DR", "21/000-000001", "0.1.0"),
                keys, timers, clock);
        tx = new Transactions(cp, TransactionJournal.inMemory(), new Frames(), keys, timers, clock,
                new Transactions.ChargerMeter() {
                    @Override
                    public OptionalDouble registerWh() {
                        return OptionalDouble.of(12_345);
                    }

                    @Override
                    public OptionalDouble powerW() {
                        return OptionalDouble.of(7_400);
                    }

                    @Override
                    public double sessionEnergyWh() {
                        return sessionEnergyWh;
                    }
                }, new Transactions.Control() {
                    @Override
                    public boolean authorize(String idTag) {
                        return true;
                    }

                    @Override
                    public boolean stopCharging() {
                        return true;
                    }

                    @Override
                    public boolean present() {
                        return true;
                    }
                }, Transactions.Mode.RFID, "STATIC");
        management = new ManagementProfiles(cp, tx, new Frames(), timers, clock, inbox::add, data, logs, updates,
                installedVersion);
        status(ChargerState.VEHICLE_NOT_CONNECTED, "A");
    }

    void status(ChargerState state, String pilot) {
        cp.statusChanged(new ConnectorStatus.Input(state, pilot, false, 0, null, null));
    }

    void advance(Duration d) {
        // the clock moves with each timer that falls due, as the real one would
        long until = elapsed.plus(d).toMillis();
        while (elapsed.toMillis() < until) {
            Duration step = Duration.ofMillis(Math.min(1000, until - elapsed.toMillis()));
            elapsed = elapsed.plus(step);
            timers.advance(step);
        }
        timers.advance(Duration.ZERO); // what falls due now
    }

    /** Runs the next outcome of a transfer on this thread, waiting for it at most 20 s. */
    void deliver() throws InterruptedException {
        Runnable r = inbox.poll(20, TimeUnit.SECONDS);
        assertNotNull(r, "a transfer's outcome within 20 s");
        r.run();
    }

    JsonNode last() throws Exception {
        return json.readTree(sent.get(sent.size() - 1));
    }

    void answerLast(String payload) throws Exception {
        cp.received("[3,\"" + last().get(1).asText() + "\"," + payload + "]");
    }

    /** Connects, boot accepted, the StatusNotifications answered. */
    void connect() throws Exception {
        cp.connected(sent::add);
        answerLast("{\"status\":\"Accepted\",\"currentTime\":\"2026-12-07T12:00:00Z\",\"interval\":86400}");
        answerPending();
    }

    /** Answers every call of ours waiting for an answer, each with {@code {}} (notifications). */
    void answerPending() throws Exception {
        java.util.Set<String> answered = new java.util.HashSet<>();
        while (last().get(0).asInt() == 2 && answered.add(last().get(1).asText())
                && !"StartTransaction".equals(last().get(2).asText())) {
            answerLast("{}");
        }
    }

    /** The central system's CALL; returns its answer's payload and leaves the frames sent after it in the list. */
    JsonNode ask(String action, String payload) throws Exception {
        int before = sent.size();
        cp.received("[2,\"cs-1\",\"" + action + "\"," + payload + "]");
        assertTrue(sent.size() > before, "an answer to " + action);
        JsonNode first = json.readTree(sent.get(before));
        assertEquals(3, first.get(0).asInt(), "the answer comes first: " + sent.subList(before, sent.size()));
        return first.get(2);
    }

    /** Our CALLs of {@code action}, payloads in order. */
    List<JsonNode> calls(String action) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String s : sent) {
            JsonNode n = json.readTree(s);
            if (n.get(0).asInt() == 2 && action.equals(n.get(2).asText())) {
                out.add(n.get(3));
            }
        }
        return out;
    }

    /** The statuses of {@code action} (a status notification) sent so far, answering each as it goes. */
    List<String> statuses(String action) throws Exception {
        return calls(action).stream().map(p -> p.get("status").asText()).toList();
    }

    String lastAction() throws Exception {
        JsonNode l = last();
        return l.get(0).asInt() == 2 ? l.get(2).asText() : "answer";
    }

    @Override
    public void close() {
        management.close();
        tx.close();
    }
}
