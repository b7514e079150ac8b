package org.infinergi.feature.dlm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Dynamic load management, manual §5.3 and §7.2.1 "Maximum import from the grid". The manual speaks of a
 * current/power limit: the contractual power ({@code maxGridImportW}, the total the energy meter disconnects at) and a
 * per-phase current ({@code maxPhaseCurrentA}, the main fuse of each phase); either, both or none (DLM off). Negative
 * values are rejected by name and the previous configuration stays in force.
 */
@ObjectClassDefinition(id = DlmConfig.PID, name = "infinergi dynamic load management (manual §5.3)",
        description = "The charging current follows the room the grid connection leaves: needs a grid meter "
                + "(org.infinergi.metering gridMeter, manual §5.2.2) and a limit.")
public @interface DlmConfig {

    /** Configuration PID (ARCHITECTURE.md configuration contract). */
    String PID = "org.infinergi.dlm";

    @AttributeDefinition(name = "Maximum import from the grid",
            description = "Manual §7.2.1, §5.3: the contractual power, watts, total over the phases; the charge "
                    + "never takes more than what the rest of the site leaves of it. 0 = no power limit.", min = "0")
    int maxGridImportW() default 0;

    @AttributeDefinition(name = "Maximum current per phase",
            description = "Manual §5.3 (current limit): amperes on any phase of the grid connection (the main "
                    + "fuse); the charge takes at most what the house leaves on the most loaded phase the car uses. "
                    + "0 = no per-phase limit.", min = "0")
    double maxPhaseCurrentA() default 0;

    @AttributeDefinition(name = "Headroom below the limits",
            description = "Percent of each limit DLM keeps free: the offer aims this much below the contractual "
                    + "power and the phase current, so the house's small rises between two grid readings (one poll "
                    + "period plus the car's reaction, about 2 s) do not carry the site over; a larger step is "
                    + "caught at the next reading.", min = "0", max = "20")
    double headroomPct() default 2.0;

    @AttributeDefinition(name = "Grid reading lag",
            description = "Milliseconds by which a grid reading can show the site earlier than its time: a meter "
                    + "refreshes its registers (or averages) about once a second. For this long after the car's "
                    + "current changes, a grid reading may still show the old current and the house lighter or "
                    + "heavier by the change: DLM holds its offer then (no raise, no swing) and lowers it at once "
                    + "only when even the most room the reading can mean is less than the offer. 0 = readings show "
                    + "the site at their time.", min = "0", max = "10000")
    int gridLagMs() default 1000;

    @AttributeDefinition(name = "Resume hysteresis",
            description = "After a pause for lack of current (below the 6 A minimum, manual §5.3), the room must "
                    + "reach 6 A plus this many amperes before the charge resumes, so it does not flap.",
            min = "0", max = "32")
    double resumeHysteresisA() default 1.0;

    @AttributeDefinition(name = "Resume delay",
            description = "Seconds the room must stay at or above 6 A + hysteresis, without a break, before a "
                    + "paused charge resumes (also after the grid meter comes back).", min = "0", max = "3600")
    int resumeDelayS() default 60;
}
