package org.infinergi.core.charging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Manual §7.2.2 "System": the internal clock's settings (§5.4). The display's keys of this PID (language,
 * brightness, display off, buttons sound) join here with the display, so the PID keeps one owner.
 */
@ObjectClassDefinition(id = SystemConfig.PID, name = "System (manual §7.2.2)",
        description = "Date and time of the internal clock (manual §5.4, §7.2.2): functions such as the Programmed "
                + "mode (§5.1.3) need it set.")
@interface SystemConfig {

    /** Configuration PID (ARCHITECTURE.md configuration contract). */
    String PID = "org.infinergi.system";

    @AttributeDefinition(name = "Time zone",
            description = "The time zone of the installation, an IANA name (Europe/Rome, Europe/Berlin …): "
                    + "programs run in its local time, daylight saving time included (manual §5.1.3, §7.2.2).")
    String timeZone() default "Europe/Rome";

    @AttributeDefinition(name = "Date and time",
            description = "Manual §7.2.2, §5.4: sets the internal clock by hand, the local date and time in the "
                    + "time zone above, ISO yyyy-MM-ddTHH:mm[:ss] (2025-03-30T01:59). Applied once, when a new "
                    + "value is written; the clock then runs on and keeps the setting across restarts. Empty: the "
                    + "clock is left as it is.")
    String dateTime() default "";

    @AttributeDefinition(name = "System clock synchronized",
            description = "Whether the operating system's clock is right by itself: synchronized by a time source "
                    + "(NTP once the charger is online, manual §5.4) or by the host of a simulated charger. False "
                    + "on a board without network: the clock is set only once a date and time are given. Turning "
                    + "it on (a time source took over) drops a date and time set by hand.")
    boolean systemClockSynchronized() default false;
}
