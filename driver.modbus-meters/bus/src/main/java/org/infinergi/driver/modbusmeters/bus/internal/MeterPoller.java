package org.infinergi.driver.modbusmeters.bus.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;

import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.driver.modbusmeters.bus.Field;
import org.infinergi.driver.modbusmeters.bus.Quantity;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one meter: every block of its {@link ReadPlan}, decoded and checked, into a {@link MeterReading} stamped
 * with the time the answer arrived. Only a complete answer with a plausible energy ({@link EnergyCheck}) and a
 * finite power replaces the last reading; anything else (no answer, exception response, wrong unit, short answer,
 * CRC error, implausible energy) leaves it as it was, so a silent meter's reading grows old and the core sees it
 * stale (D9/D2) — never a made-up value. One bad voltage or current (NaN, infinite) does not drop the reading: that
 * phase reads NaN, which the core ignores (an infinite current is no overload). A vehicle meter's negative power
 * reads 0 W: the vehicle does not feed the grid, and the value is a wiring or meter fault.
 *
 * <p>After a failure the line is closed and reopened by the next request. The first failure of an episode is logged
 * at warn with its cause (an installer sees it at once, before D9), and the return to normal once; so is a quantity
 * that turns bad.
 *
 * <p>Used by the bus thread only; {@link #latest()} is read from any thread.
 */
public final class MeterPoller {

    private static final Logger LOG = LoggerFactory.getLogger(MeterPoller.class);
    /** The most current a MID meter of manual §4.7 measures directly, and the highest mains voltage (+10 %). */
    private static final double MAX_A = 100;
    private static final double MAX_V = 253;

    private final String name;
    private final RegisterMap map;
    private final ReadPlan plan;
    private final int unitId;
    private final int timeoutMs;
    private final int attempts;
    private final Clock clock;
    private final long holdMs;
    private final boolean vehicle;
    private final EnergyCheck energy;
    private volatile MeterReading latest;
    private String failing;
    private boolean warned;
    private long startupGraceMs;
    private Instant firstPoll;
    private boolean answered;
    private TreeSet<String> flagged = new TreeSet<>();

    /**
     * @param name      how logs name the meter (its configuration)
     * @param attempts  tries per request (1 = no retry)
     * @param holdMs    how long a reading stands without a newer one (see {@link #latest()})
     * @param vehicle   the meter measures the vehicle (role VEHICLE): its power is never negative
     */
    MeterPoller(String name, RegisterMap map, int unitId, int timeoutMs, int attempts, long holdMs, Clock clock,
            boolean vehicle) {
        this.name = name;
        this.map = map;
        this.plan = ReadPlan.of(map);
        this.unitId = unitId;
        this.timeoutMs = timeoutMs;
        this.attempts = attempts;
        this.clock = clock;
        this.holdMs = holdMs;
        this.vehicle = vehicle;
        this.energy = new EnergyCheck(map.phases() * MAX_A * MAX_V);
    }

    MeterPoller(String name, RegisterMap map, int unitId, int timeoutMs, int attempts, long holdMs, Clock clock) {
        this(name, map, unitId, timeoutMs, attempts, holdMs, clock, false);
    }

    /**
     * The last good reading, with the time it was sampled; empty before the first good answer and once that reading
     * is older than {@code holdMs}. The HAL's contract is "stale = missing": the core judges the vehicle (V1, V3)
     * and the mains (I3, I4) by these values, and a silent meter's last currents must not look like a vehicle
     * that keeps drawing after the offer was withdrawn. Silence itself is the core's verdict (D9/D2 after its
     * {@code meterStaleMs}, counted from the last reading's time).
     */
    Optional<MeterReading> latest() {
        MeterReading r = latest;
        if (r == null || clock.instant().toEpochMilli() - r.at().toEpochMilli() > holdMs) {
            return Optional.empty();
        }
        return Optional.of(r);
    }

    /**
     * A meter that may not answer for this long after power-up (IVY, manual §9.1 note 5): until it first answers
     * within that time, its failures are logged at info, not warn.
     */
    MeterPoller startupGrace(long ms) {
        this.startupGraceMs = ms;
        return this;
    }

    /** One poll over {@code link}; true when it gave a new reading. */
    boolean poll(ModbusLink link) {
        if (firstPoll == null) {
            firstPoll = clock.instant();
        }
        Map<Quantity, Double> values = new EnumMap<>(Quantity.class);
        try {
            for (ReadPlan.Block block : plan.blocks()) {
                int[] words = link.read(unitId, map.function(), block.address(), block.count(), timeoutMs, attempts);
                for (Field f : block.fields()) {
                    double v = Registers.decode(words, f.address() - block.address(), f.encoding(), map.wordOrder())
                            * f.scale();
                    values.put(f.quantity(), v);
                }
            }
        } catch (ModbusSlaveException e) {
            return failed(link, "exception response " + e.getType() + " (" + e.getMessage() + ")");
        } catch (ModbusException e) {
            return failed(link, cause(e));
        }
        return accept(values, clock.instant(), link);
    }

    private boolean accept(Map<Quantity, Double> values, Instant at, ModbusLink link) {
        double power = values.get(Quantity.POWER);
        if (!Double.isFinite(power)) {
            return failed(link, "POWER is " + power);
        }
        EnergyCheck.Verdict v = energy.check(values.get(Quantity.IMPORT_ENERGY), at);
        if (v.rejected() != null) {
            return failed(link, v.rejected());
        }
        if (v.rebased() != null) {
            LOG.warn("Meter {}: {}", name, v.rebased());
        }
        TreeSet<String> bad = new TreeSet<>();
        double[] voltages = phases(values, "VOLTAGE", MAX_V * 2, bad);
        double[] currents = phases(values, "CURRENT", MAX_A * 2, bad);
        if (vehicle && power < 0) {
            bad.add(String.format(Locale.ROOT, "POWER %.0f W negative on a vehicle meter", power));
            power = 0;
        }
        flag(bad);
        latest = new MeterReading(at, voltages, currents, power, v.totalWh());
        answered = true;
        if (failing != null) {
            LOG.info("Meter {} answers again", name);
            failing = null;
            warned = false;
        }
        return true;
    }

    /** The per-phase values of one kind; one that cannot be true (NaN, infinite, out of range) reads NaN. */
    private double[] phases(Map<Quantity, Double> values, String kind, double most, TreeSet<String> bad) {
        double[] out = new double[map.phases()];
        Arrays.fill(out, Double.NaN);
        values.forEach((q, v) -> {
            if (q.name().startsWith(kind)) {
                if (Double.isFinite(v) && Math.abs(v) <= most) {
                    out[q.phase()] = v;
                } else {
                    bad.add(q + " is " + v);
                }
            }
        });
        return out;
    }

    /** Logs the quantities that turned bad, and their return, once each. */
    private void flag(TreeSet<String> bad) {
        TreeSet<String> kinds = new TreeSet<>();
        bad.forEach(b -> kinds.add(b.substring(0, b.indexOf(' '))));
        TreeSet<String> before = new TreeSet<>();
        flagged.forEach(b -> before.add(b.substring(0, b.indexOf(' '))));
        if (!kinds.equals(before)) {
            if (kinds.isEmpty()) {
                LOG.info("Meter {}: every quantity plausible again", name);
            } else {
                LOG.warn("Meter {}: {}; read as no value, the rest of the reading stands", name, bad);
            }
        }
        flagged = bad;
    }

    /** The cause of a failed request in an installer's words. */
    static String cause(ModbusException e) {
        String m = String.valueOf(e.getMessage());
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("crc")) {
            return "CRC error (" + m + ")";
        }
        if (lower.contains("timeout") || lower.contains("timed out")) {
            return "timeout (" + m + ")";
        }
        if (lower.contains("premature end") || lower.contains("wrong byte count")) {
            return "short answer (" + m + ")";
        }
        if (lower.contains("answer from unit")) {
            return "wrong unit id (" + m + ")";
        }
        return "no answer (" + m + ")";
    }

    /** Logs the first failure of an episode at warn with its cause: the installer sees it before D9 comes. */
    private boolean failed(ModbusLink link, String why) {
        // Start the line clean at the next request: a TCP connection may be held by a peer that restarted (a
        // gateway, the meter's own server) and would answer on it forever with exceptions; reconnecting costs one
        // handshake, reopening a serial port nothing.
        link.close();
        if (!answered && startupGraceMs > 0
                && clock.instant().toEpochMilli() - firstPoll.toEpochMilli() < startupGraceMs) {
            if (failing == null) {
                LOG.info("Meter {}: {}; it may need about a minute after power-up (manual §9.1 note 5)", name, why);
                failing = why;
            }
            return false;
        }
        if (!warned) {
            LOG.warn("Meter {}: {}; keeping the last reading", name, why);
            failing = why;
            warned = true;
        }
        return false;
    }

    /** What the current failure episode is, or null while the meter answers. */
    String failure() {
        return failing;
    }

    /** The quantities read as no value in the last reading, or empty. */
    java.util.SortedSet<String> flagged() {
        return java.util.Collections.unmodifiableSortedSet(flagged);
    }

    @Override
    public String toString() {
        return name;
    }
}
