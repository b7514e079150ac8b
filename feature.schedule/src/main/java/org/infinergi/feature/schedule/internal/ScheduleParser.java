package org.infinergi.feature.schedule.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.infinergi.core.charging.api.ConfigurationRejection;

/**
 * The values of {@link ScheduleConfig} Config Admin cannot check (issue 16 "Safety and bad input"): a start of 24:00,
 * a negative or overlong duration, an unknown mode, a program with a duration and no day, a power limit below zero or
 * above the wiring limit, a green level outside 0–100, a Green program without a grid meter. Each is named by PID,
 * key and value as written.
 */
final class ScheduleParser {

    static final int PROGRAMS = 6;
    /** Manual §2.3: nominal phase voltage, to turn the wiring limit (A per phase) into watts. */
    static final int NOMINAL_V = 230;

    private static final Pattern TIME = Pattern.compile("(-?)(\\d{1,2}):(\\d{2})");

    private ScheduleParser() {
    }

    /** The schedule, or null with the rejections when a value is bad. */
    record Result(Schedule schedule, List<ConfigurationRejection> rejections) {
    }

    /**
     * What the rest of the charger says about the site, for the checks across PIDs.
     *
     * @param wiringLimitA {@code org.infinergi.installation wiringLimitA}
     * @param phases       the model's phases ({@code org.infinergi.device})
     * @param gridMeter    whether a grid meter is selected ({@code org.infinergi.metering gridMeter} not NONE)
     */
    record Site(int wiringLimitA, int phases, boolean gridMeter) {
        int wiringLimitW() {
            return wiringLimitA * phases * NOMINAL_V;
        }
    }

    /** Checks every key of {@code c}; {@code written} gives the values as the installer wrote them. */
    static Result parse(ScheduleConfig c, Map<String, ?> written) {
        List<ConfigurationRejection> out = new ArrayList<>();
        List<Program> programs = new ArrayList<>();
        for (int n = 1; n <= PROGRAMS; n++) {
            programs.add(program(c, n, written, out));
        }
        ProgramMode dm = mode(c.defaultMode(), "defaultMode", written, out);
        int dl = powerLimit(c.defaultPowerLimitW(), "defaultPowerLimitW", written, out);
        int dg = greenLevel(c.defaultGreenLevelPct(), "defaultGreenLevelPct", written, out);
        if (!out.isEmpty()) {
            out.sort(Comparator.comparing(ConfigurationRejection::key));
            return new Result(null, List.copyOf(out));
        }
        return new Result(new Schedule(programs, Program.defaultProgram(dm, dl, dg)), List.of());
    }

    /**
     * The checks against the other PIDs' values in force: a limit above the wiring limit, a Green program with no
     * grid meter to see the surplus (manual §5.1.3: "activation of the DLM functionality is required").
     */
    static List<ConfigurationRejection> crossCheck(Schedule s, Site site) {
        List<ConfigurationRejection> out = new ArrayList<>();
        for (Program p : s.enabled()) {
            String prefix = p.number() == 0 ? "default" : "p" + p.number();
            if (p.powerLimitW() > site.wiringLimitW()) {
                out.add(new ConfigurationRejection(ScheduleConfig.PID, prefix + "PowerLimitW",
                        Integer.toString(p.powerLimitW()), String.format(Locale.ROOT,
                                "above the wiring limit, %d W (org.infinergi.installation wiringLimitA=%d A × %d "
                                        + "phase(s) × %d V)", site.wiringLimitW(), site.wiringLimitA(),
                                site.phases(), NOMINAL_V)));
            }
            if (p.mode() == ProgramMode.GREEN && !site.gridMeter()) {
                out.add(new ConfigurationRejection(ScheduleConfig.PID, prefix + "Mode", "GREEN",
                        "a Green program needs a grid meter (org.infinergi.metering gridMeter=NONE; manual §5.1.3, "
                                + "§5.2.2)"));
            }
        }
        return out;
    }

    private static Program program(ScheduleConfig c, int n, Map<String, ?> written, List<ConfigurationRejection> out) {
        String p = "p" + n;
        LocalTime start = start((String) value(c, p + "Start"), p + "Start", written, out);
        Duration duration = duration((String) value(c, p + "Duration"), p + "Duration", written, out);
        Set<DayOfWeek> days = days((String[]) value(c, p + "Days"), p + "Days", written, out);
        if (duration != null && !duration.isZero() && days != null && days.isEmpty()) {
            out.add(reject(written, p + "Days", "", "no day: a program with a duration needs at least one day "
                    + "(MON,TUE,WED,THU,FRI,SAT,SUN), or duration 00:00 to make it inactive"));
        }
        ProgramMode mode = mode((String) value(c, p + "Mode"), p + "Mode", written, out);
        int limit = powerLimit((Integer) value(c, p + "PowerLimitW"), p + "PowerLimitW", written, out);
        int level = greenLevel((Integer) value(c, p + "GreenLevelPct"), p + "GreenLevelPct", written, out);
        if (start == null || duration == null || days == null || mode == null) {
            return null;
        }
        return new Program(n, days, start, duration, mode, limit, level);
    }

    /** HH:mm, 00:00..23:59: 24:00 is tomorrow's 00:00, and a program belongs to the day it starts. */
    static LocalTime start(String text, String key, Map<String, ?> written, List<ConfigurationRejection> out) {
        Matcher m = TIME.matcher(text.trim());
        if (!m.matches() || !m.group(1).isEmpty()) {
            out.add(reject(written, key, text, "not a time HH:mm (00:00..23:59)"));
            return null;
        }
        int h = Integer.parseInt(m.group(2));
        int min = Integer.parseInt(m.group(3));
        if (h > 23 || min > 59) {
            out.add(reject(written, key, text, "must be 00:00..23:59 (24:00 is 00:00 of the next day)"));
            return null;
        }
        return LocalTime.of(h, min);
    }

    /**
     * HH:mm, 00:00 (inactive) .. 24:00: a weekly program runs at most a whole day from its start, so it never
     * overlaps its own next start on a following day.
     */
    static Duration duration(String text, String key, Map<String, ?> written, List<ConfigurationRejection> out) {
        Matcher m = TIME.matcher(text.trim());
        if (!m.matches()) {
            out.add(reject(written, key, text, "not a duration HH:mm (00:00..24:00)"));
            return null;
        }
        if (!m.group(1).isEmpty()) {
            out.add(reject(written, key, text, "negative duration: must be 00:00 (inactive) .. 24:00"));
            return null;
        }
        int h = Integer.parseInt(m.group(2));
        int min = Integer.parseInt(m.group(3));
        Duration d = Duration.ofHours(h).plusMinutes(min);
        if (min > 59 || d.compareTo(Duration.ofHours(24)) > 0) {
            out.add(reject(written, key, text, "too long: at most 24:00 (a program runs at most a whole day)"));
            return null;
        }
        return d;
    }

    /** MON..SUN (or the full English names), comma-separated, in one value or several. */
    static Set<DayOfWeek> days(String[] values, String key, Map<String, ?> written,
            List<ConfigurationRejection> out) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String value : values) {
            for (String item : value.split("[,\\s]+")) {
                if (item.isEmpty()) {
                    continue;
                }
                DayOfWeek d = day(item);
                if (d == null) {
                    out.add(reject(written, key, String.join(",", values),
                            "unknown day " + item + " (MON,TUE,WED,THU,FRI,SAT,SUN)"));
                    return null;
                }
                days.add(d);
            }
        }
        return days;
    }

    private static DayOfWeek day(String item) {
        String u = item.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(u) || d.name().substring(0, 3).equals(u)) {
                return d;
            }
        }
        return null;
    }

    static ProgramMode mode(String text, String key, Map<String, ?> written, List<ConfigurationRejection> out) {
        try {
            return ProgramMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            out.add(reject(written, key, text, "unknown mode: FAST, GREEN or OFF"));
            return null;
        }
    }

    private static int powerLimit(int w, String key, Map<String, ?> written, List<ConfigurationRejection> out) {
        if (w < 0) {
            out.add(reject(written, key, w, "must be >= 0 W (0 = no limit of its own)"));
        }
        return w;
    }

    private static int greenLevel(int pct, String key, Map<String, ?> written, List<ConfigurationRejection> out) {
        if (pct < 0 || pct > 100) {
            out.add(reject(written, key, pct, "must be 0..100 % (manual §5.1.2 minimum green level)"));
        }
        return pct;
    }

    /** The value as the installer wrote it, as every rejection names it. */
    private static ConfigurationRejection reject(Map<String, ?> written, String key, Object value, String reason) {
        Object raw = written == null ? null : written.get(key);
        String text = raw == null ? String.valueOf(value)
                : raw instanceof String[] a ? String.join(",", a) : String.valueOf(raw);
        return new ConfigurationRejection(ScheduleConfig.PID, key, text, reason);
    }

    private static Object value(ScheduleConfig c, String method) {
        try {
            Method m = ScheduleConfig.class.getMethod(method);
            return m.invoke(c);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(method, e);
        }
    }
}
