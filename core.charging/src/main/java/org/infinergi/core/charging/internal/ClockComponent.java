package org.infinergi.core.charging.internal;

import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.infinergi.core.charging.api.ChargerClock;
import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.config.CheckedConfiguration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The internal clock (manual §5.4), the one owner of PID {@code org.infinergi.system} (§7.2.2). Its time is the
 * system clock plus the offset of a date and time set by hand ({@code dateTime}), kept in the bundle's data area
 * ({@link ManualTime}) so that it survives a restart; it is set when the system clock is synchronized by a time
 * source ({@code systemClockSynchronized}: the seam for NTP, which comes with connectivity) or once a date and time
 * were given. A rejected configuration (an unknown zone, a date and time that is no date and time) is listed in the
 * status ({@link ConfigurationOwner}) and leaves the previous one in force.
 */
@Component(name = "org.infinergi.core.charging.clock", configurationPid = SystemConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {ChargerClock.class, ConfigurationOwner.class})
@Designate(ocd = SystemConfig.class)
public final class ClockComponent implements ChargerClock, ConfigurationOwner {

    /** The data area file of the setting by hand. */
    static final String FILE = SystemConfig.PID + ".clock.properties";
    /** Dates before this are a typo or a reset board, never a real setting. */
    static final LocalDate EARLIEST = LocalDate.of(2020, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2099, 12, 31);

    private final Logger log = LoggerFactory.getLogger(ClockComponent.class);
    private final Clock system;
    private final File file;
    /** The configuration in force, null before the first valid one (the annotation's defaults then apply). */
    private SystemConfig config;
    private volatile Snapshot now;
    private volatile List<ConfigurationRejection> rejections = List.of();
    /** Guarded by {@code this}. */
    private ManualTime manual;

    /** What the clock answers, replaced as a whole. */
    private record Snapshot(ZoneId zone, ManualTime manual, boolean synchronizedClock) {
        boolean set() {
            return synchronizedClock || manual.set();
        }
    }

    @Activate
    public ClockComponent(Map<String, Object> properties, BundleContext bundleContext) {
        this(Clock.systemUTC(), bundleContext::getDataFile, properties);
    }

    /** For tests: a system clock they move, a data area of their own. */
    ClockComponent(Clock system, Function<String, File> dataArea, Map<String, ?> properties) {
        this.system = system;
        this.file = dataArea.apply(FILE);
        this.manual = ManualTime.read(file);
        if (manual.systemClockWentBack(system.instant())) {
            // A board without a real-time clock restarted: its clock starts again from an old time, and the offset
            // measured against the clock it had is meaningless. Better unset than wrong (programs would run at
            // the wrong hour).
            log.warn("The internal clock is not set: the system clock went back to {} (before {}, when the date and "
                    + "time were set by hand); set them again (manual §5.4, §7.2.2 Date and time)", system.instant(),
                    manual.appliedAt());
            manual = manual.lost();
        }
        modified(properties);
    }

    @Modified
    synchronized void modified(Map<String, ?> properties) {
        CheckedConfiguration<SystemConfig> checked = CheckedConfiguration.check(SystemConfig.PID, properties,
                SystemConfig.class, config);
        List<ConfigurationRejection> out = checked.accepted() ? check(checked.config(), properties)
                : checked.rejections();
        rejections = out;
        if (!out.isEmpty()) {
            log.error("Configuration rejected: {}{}", String.join("; ",
                    out.stream().map(ConfigurationRejection::message).toList()),
                    config == null ? " — the defaults apply" : " — the previous valid configuration stays in force");
            if (config == null) {
                config = CheckedConfiguration.check(SystemConfig.PID, Map.of(), SystemConfig.class, null).config();
                apply(config);
            }
            return;
        }
        config = checked.config();
        apply(config);
    }

    /** Puts a valid configuration in force: the zone, a time source taking over, a new date and time by hand. */
    private void apply(SystemConfig c) {
        ZoneId zone = ZoneId.of(c.timeZone().trim());
        ManualTime before = manual;
        ManualTime next = manual;
        if (c.systemClockSynchronized() && !next.synchronizedSeen() && next.set()) {
            log.info("The system clock is synchronized by a time source: the date and time set by hand are dropped");
            next = next.lost();
        }
        next = next.synchronizedSeen(c.systemClockSynchronized());
        String text = c.dateTime().trim();
        if (!text.isEmpty() && !text.equals(next.dateTime())) {
            Instant target = LocalDateTime.parse(text).atZone(zone).toInstant();
            next = next.applied(text, target, system.instant());
            log.info("Internal clock set by hand to {} {} (manual §5.4)", text, zone);
        }
        manual = next;
        if (!next.equals(before)) {
            keep(next);
        }
        now = new Snapshot(zone, next, c.systemClockSynchronized());
    }

    private void keep(ManualTime m) {
        if (file == null) {
            return;
        }
        try {
            m.write(file);
        } catch (IOException e) {
            log.error("The internal clock's setting could not be kept in {} (it is lost at the next restart): {}",
                    file, e.toString());
        }
    }

    /**
     * The values Config Admin cannot check: the zone must exist; the date and time must be one, in 2020–2099, and
     * exist in that zone (not inside the hour skipped in spring).
     */
    static List<ConfigurationRejection> check(SystemConfig c, Map<String, ?> written) {
        List<ConfigurationRejection> out = new ArrayList<>();
        ZoneId zone = null;
        try {
            zone = ZoneId.of(c.timeZone().trim());
        } catch (DateTimeException e) {
            out.add(reject(written, "timeZone", c.timeZone(), "not a time zone (an IANA name such as Europe/Rome)"));
        }
        String text = c.dateTime().trim();
        if (!text.isEmpty()) {
            String why = dateTimeProblem(text, zone);
            if (why != null) {
                out.add(reject(written, "dateTime", text, why));
            }
        }
        return out;
    }

    /** Why {@code text} is no date and time to set the clock to in {@code zone}, or null when it is one. */
    static String dateTimeProblem(String text, ZoneId zone) {
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return "not a date and time (ISO yyyy-MM-ddTHH:mm[:ss], e.g. 2025-03-30T01:59)";
        }
        if (local.toLocalDate().isBefore(EARLIEST) || local.toLocalDate().isAfter(LATEST)) {
            return "must be between " + EARLIEST + " and " + LATEST;
        }
        if (zone != null && zone.getRules().getValidOffsets(local).isEmpty()) {
            return "does not exist in " + zone + " (the clock skips it for daylight saving time)";
        }
        return null;
    }

    private static ConfigurationRejection reject(Map<String, ?> written, String key, Object value, String reason) {
        Object raw = written == null ? null : written.get(key);
        return new ConfigurationRejection(SystemConfig.PID, key, String.valueOf(raw != null ? raw : value), reason);
    }

    @Override
    public boolean isSet() {
        return now.set();
    }

    @Override
    public ZoneId zone() {
        return now.zone();
    }

    @Override
    public ZonedDateTime now() {
        Snapshot s = now;
        return system.instant().plus(s.manual().offset()).atZone(s.zone());
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return rejections;
    }
}
