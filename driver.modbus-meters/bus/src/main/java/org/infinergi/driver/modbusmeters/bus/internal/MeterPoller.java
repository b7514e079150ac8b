package org.infinergi.driver.modbusmeters.bus.internal;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
 * with the time the answer arrived. Only a complete, plausible answer replaces the last reading; anything else
 * (no answer, exception response, wrong register count, NaN, negative or decreasing energy) leaves it as it was,
 * so a silent meter's reading grows old and the core sees it stale (D9/D2) — never a made-up value. After a
 * failure the line is closed and reopened by the next request. Failures are logged once per episode, and the
 * return to normal once.
 *
 * <p>Used by the bus thread only; {@link #latest()} is read from any thread.
 */
public final class MeterPoller {

    private static final Logger LOG = LoggerFactory.getLogger(MeterPoller.class);

    private final String name;
    private final RegisterMap map;
    private final ReadPlan plan;
    private final int unitId;
    private final int timeoutMs;
    private final int attempts;
    private final Clock clock;
    private final long holdMs;
    private volatile MeterReading latest;
    private double lastEnergyWh = Double.NaN;
    private String failing;

    /**
     * @param name      how logs name the meter (its configuration)
     * @param attempts  tries per request (1 = no retry)
     * @param holdMs    how long a reading stands without a newer one (see {@link #latest()})
     */
    MeterPoller(String name, RegisterMap map, int unitId, int timeoutMs, int attempts, long holdMs, Clock clock) {
        this.name = name;
        this.map = map;
        this.plan = ReadPlan.of(map);
        this.unitId = unitId;
        this.timeoutMs = timeoutMs;
        this.attempts = attempts;
        this.clock = clock;
        this.holdMs = holdMs;
    }

    /**
     * The last good reading, with the time it was sampled; empty before the first good answer and once that reading
     * is older than {@code holdMs}. The HAL's contract is "stale = missing": the core judges the vehicle (V1, V3)
     * and the mains (I3, I4) by these values, and a silent meter's last currents must not look like a vehicle
     * that keeps drawing after the offer was withdrawn. Silence itself is the core's verdict (D9/D2 after its
     * {@code meterStaleMs}), from the reading growing old or missing.
     */
    Optional<MeterReading> latest() {
        MeterReading r = latest;
        if (r == null || clock.instant().toEpochMilli() - r.at().toEpochMilli() > holdMs) {
            return Optional.empty();
        }
        return Optional.of(r);
    }

    /** One poll over {@code link}; true when it gave a new reading. */
    boolean poll(ModbusLink link) {
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
            return failed(link, "exception response " + e.getType() + " (" + e.getMessage() + ")", true);
        } catch (ModbusException e) {
            return failed(link, "no valid answer: " + e.getMessage(), e.getClass() == ModbusException.class);
        }
        String invalid = invalid(values);
        if (invalid != null) {
            return failed(link, invalid, true);
        }
        double[] voltages = new double[map.phases()];
        double[] currents = new double[map.phases()];
        Arrays.fill(voltages, Double.NaN);
        Arrays.fill(currents, Double.NaN);
        values.forEach((q, v) -> {
            if (q.name().startsWith("VOLTAGE")) {
                voltages[q.phase()] = v;
            } else if (q.name().startsWith("CURRENT")) {
                currents[q.phase()] = v;
            }
        });
        double energy = values.get(Quantity.IMPORT_ENERGY);
        lastEnergyWh = energy;
        latest = new MeterReading(clock.instant(), voltages, currents, values.get(Quantity.POWER), energy);
        if (failing != null) {
            LOG.info("Meter {} answers again", name);
            failing = null;
        }
        return true;
    }

    /** Why the values cannot be a reading, or null. */
    private String invalid(Map<Quantity, Double> values) {
        for (Map.Entry<Quantity, Double> e : values.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                return e.getKey() + " is " + e.getValue();
            }
        }
        double energy = values.get(Quantity.IMPORT_ENERGY);
        if (energy < 0) {
            return String.format(Locale.ROOT, "negative energy %.1f Wh", energy);
        }
        if (energy < lastEnergyWh) {
            return String.format(Locale.ROOT, "energy went backwards: %.1f Wh after %.1f Wh", energy, lastEnergyWh);
        }
        return null;
    }

    /**
     * Logs the first failure of an episode: a meter that answers nonsense at warn (a wrong map or a faulty meter,
     * the installer must look), a meter that does not answer at debug (expected when it is unpowered, and the core
     * raises D9/D2 for it).
     */
    private boolean failed(ModbusLink link, String why, boolean badAnswer) {
        // Start the line clean at the next request: a TCP connection may be held by a peer that restarted (a
        // gateway, the meter's own server) and would answer on it forever with exceptions; reconnecting costs one
        // handshake, reopening a serial port nothing.
        link.close();
        if (failing == null) {
            if (badAnswer) {
                LOG.warn("Meter {}: {}; keeping the last reading", name, why);
            } else {
                LOG.debug("Meter {}: {}", name, why);
            }
            failing = why;
        }
        return false;
    }

    /** What the current failure episode is, or null while the meter answers. */
    String failure() {
        return failing;
    }

    @Override
    public String toString() {
        return name;
    }
}
