package org.infinergi.feature.schedule.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Programmed mode, manual §5.1.3 and §7.2.1 "Programmed": six weekly programs P1–P6 and a default program applied
 * when none of them is active. Each program: {@code pNDays}, {@code pNStart}, {@code pNDuration} (00:00 = inactive),
 * {@code pNMode} ({@code FAST}|{@code GREEN}|{@code OFF}), {@code pNPowerLimitW}, {@code pNGreenLevelPct}; the default
 * program: {@code defaultMode}, {@code defaultPowerLimitW}, {@code defaultGreenLevelPct}. Checked as a whole by
 * {@link ScheduleParser}; a bad value rejects the whole PID by key and value and the previous configuration stays.
 */
@ObjectClassDefinition(id = ScheduleConfig.PID, name = "infinergi Programmed mode (manual §5.1.3)",
        description = "Up to six weekly programs P1–P6 and a default program; used while the active mode "
                + "(org.infinergi.charging activeMode) is PROGRAMMED. Needs the internal clock set (manual §5.4).")
public @interface ScheduleConfig {

    /** Configuration PID (ARCHITECTURE.md configuration contract). */
    String PID = "org.infinergi.schedule";

    @AttributeDefinition(name = "P1: days", cardinality = 7,
            description = "Days of the week when P1 starts: MON,TUE,WED,THU,FRI,SAT,SUN (comma-separated).")
    String[] p1Days() default {};

    @AttributeDefinition(name = "P1: start time", description = "HH:mm, local time, 00:00..23:59.")
    String p1Start() default "00:00";

    @AttributeDefinition(name = "P1: duration",
            description = "HH:mm, 00:00 makes P1 inactive, at most 24:00; may run past midnight into the next day.")
    String p1Duration() default "00:00";

    @AttributeDefinition(name = "P1: charging mode",
            description = "FAST, GREEN (needs a grid meter, manual §5.1.3) or OFF (no charging, manual §5.1.5).")
    String p1Mode() default "FAST";

    @AttributeDefinition(name = "P1: limit on charging power", min = "0",
            description = "Watts, at most the wiring limit; 0 = no limit of its own.")
    int p1PowerLimitW() default 0;

    @AttributeDefinition(name = "P1: minimum green level", min = "0", max = "100",
            description = "Percent of the minimum charging power, for a GREEN program (manual §5.1.2).")
    int p1GreenLevelPct() default 100;

    @AttributeDefinition(name = "P2: days", cardinality = 7,
            description = "Days of the week when P2 starts: MON,TUE,WED,THU,FRI,SAT,SUN (comma-separated).")
    String[] p2Days() default {};

    @AttributeDefinition(name = "P2: start time", description = "HH:mm, local time, 00:00..23:59.")
    String p2Start() default "00:00";

    @AttributeDefinition(name = "P2: duration",
            description = "HH:mm, 00:00 makes P2 inactive, at most 24:00; may run past midnight into the next day.")
    String p2Duration() default "00:00";

    @AttributeDefinition(name = "P2: charging mode",
            description = "FAST, GREEN (needs a grid meter, manual §5.1.3) or OFF (no charging, manual §5.1.5).")
    String p2Mode() default "FAST";

    @AttributeDefinition(name = "P2: limit on charging power", min = "0",
            description = "Watts, at most the wiring limit; 0 = no limit of its own.")
    int p2PowerLimitW() default 0;

    @AttributeDefinition(name = "P2: minimum green level", min = "0", max = "100",
            description = "Percent of the minimum charging power, for a GREEN program (manual §5.1.2).")
    int p2GreenLevelPct() default 100;

    @AttributeDefinition(name = "P3: days", cardinality = 7,
            description = "Days of the week when P3 starts: MON,TUE,WED,THU,FRI,SAT,SUN (comma-separated).")
    String[] p3Days() default {};

    @AttributeDefinition(name = "P3: start time", description = "HH:mm, local time, 00:00..23:59.")
    String p3Start() default "00:00";

    @AttributeDefinition(name = "P3: duration",
            description = "HH:mm, 00:00 makes P3 inactive, at most 24:00; may run past midnight into the next day.")
    String p3Duration() default "00:00";

    @AttributeDefinition(name = "P3: charging mode",
            description = "FAST, GREEN (needs a grid meter, manual §5.1.3) or OFF (no charging, manual §5.1.5).")
    String p3Mode() default "FAST";

    @AttributeDefinition(name = "P3: limit on charging power", min = "0",
            description = "Watts, at most the wiring limit; 0 = no limit of its own.")
    int p3PowerLimitW() default 0;

    @AttributeDefinition(name = "P3: minimum green level", min = "0", max = "100",
            description = "Percent of the minimum charging power, for a GREEN program (manual §5.1.2).")
    int p3GreenLevelPct() default 100;

    @AttributeDefinition(name = "P4: days", cardinality = 7,
            description = "Days of the week when P4 starts: MON,TUE,WED,THU,FRI,SAT,SUN (comma-separated).")
    String[] p4Days() default {};

    @AttributeDefinition(name = "P4: start time", description = "HH:mm, local time, 00:00..23:59.")
    String p4Start() default "00:00";

    @AttributeDefinition(name = "P4: duration",
            description = "HH:mm, 00:00 makes P4 inactive, at most 24:00; may run past midnight into the next day.")
    String p4Duration() default "00:00";

    @AttributeDefinition(name = "P4: charging mode",
            description = "FAST, GREEN (needs a grid meter, manual §5.1.3) or OFF (no charging, manual §5.1.5).")
    String p4Mode() default "FAST";

    @AttributeDefinition(name = "P4: limit on charging power", min = "0",
            description = "Watts, at most the wiring limit; 0 = no limit of its own.")
    int p4PowerLimitW() default 0;

    @AttributeDefinition(name = "P4: minimum green level", min = "0", max = "100",
            description = "Percent of the minimum charging power, for a GREEN program (manual §5.1.2).")
    int p4GreenLevelPct() default 100;

    @AttributeDefinition(name = "P5: days", cardinality = 7,
            description = "Days of the week when P5 starts: MON,TUE,WED,THU,FRI,SAT,SUN (comma-separated).")
    String[] p5Days() default {};

    @AttributeDefinition(name = "P5: start time", description = "HH:mm, local time, 00:00..23:59.")
    String p5Start() default "00:00";

    @AttributeDefinition(name = "P5: duration",
            description = "HH:mm, 00:00 makes P5 inactive, at most 24:00; may run past midnight into the next day.")
    String p5Duration() default "00:00";

    @AttributeDefinition(name = "P5: charging mode",
            description = "FAST, GREEN (needs a grid meter, manual §5.1.3) or OFF (no charging, manual §5.1.5).")
    String p5Mode() default "FAST";

    @AttributeDefinition(name = "P5: limit on charging power", min = "0",
            description = "Watts, at most the wiring limit; 0 = no limit of its own.")
    int p5PowerLimitW() default 0;

    @AttributeDefinition(name = "P5: minimum green level", min = "0", max = "100",
            description = "Percent of the minimum charging power, for a GREEN program (manual §5.1.2).")
    int p5GreenLevelPct() default 100;

    @AttributeDefinition(name = "P6: days", cardinality = 7,
            description = "Days of the week when P6 starts: MON,TUE,WED,THU,FRI,SAT,SUN (comma-separated).")
    String[] p6Days() default {};

    @AttributeDefinition(name = "P6: start time", description = "HH:mm, local time, 00:00..23:59.")
    String p6Start() default "00:00";

    @AttributeDefinition(name = "P6: duration",
            description = "HH:mm, 00:00 makes P6 inactive, at most 24:00; may run past midnight into the next day.")
    String p6Duration() default "00:00";

    @AttributeDefinition(name = "P6: charging mode",
            description = "FAST, GREEN (needs a grid meter, manual §5.1.3) or OFF (no charging, manual §5.1.5).")
    String p6Mode() default "FAST";

    @AttributeDefinition(name = "P6: limit on charging power", min = "0",
            description = "Watts, at most the wiring limit; 0 = no limit of its own.")
    int p6PowerLimitW() default 0;

    @AttributeDefinition(name = "P6: minimum green level", min = "0", max = "100",
            description = "Percent of the minimum charging power, for a GREEN program (manual §5.1.2).")
    int p6GreenLevelPct() default 100;

    @AttributeDefinition(name = "Default program: charging mode",
            description = "Applied when none of P1–P6 is active: FAST, GREEN or OFF.")
    String defaultMode() default "FAST";

    @AttributeDefinition(name = "Default program: limit on charging power", min = "0",
            description = "Watts, at most the wiring limit; 0 = no limit of its own.")
    int defaultPowerLimitW() default 0;

    @AttributeDefinition(name = "Default program: minimum green level", min = "0", max = "100",
            description = "Percent of the minimum charging power, for a GREEN default program (manual §5.1.2).")
    int defaultGreenLevelPct() default 100;
}
