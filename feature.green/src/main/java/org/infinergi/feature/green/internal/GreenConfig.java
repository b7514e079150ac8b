package org.infinergi.feature.green.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Green mode and Boost, manual §5.1.2, §5.5 and §7.2.1 ("Minimum green level", "Minimum exported power", "Boost
 * energy"), and the smoothing that keeps a passing cloud from cycling the contactor (our design, README). Values out
 * of range are rejected by name and the previous configuration stays in force.
 */
@ObjectClassDefinition(id = GreenConfig.PID, name = "infinergi Green mode and Boost (manual §5.1.2, §5.5)",
        description = "Charges on the surplus of a renewable plant: needs a grid meter (org.infinergi.metering "
                + "gridMeter, manual §5.2.2). Active when org.infinergi.charging activeMode = GREEN.")
public @interface GreenConfig {

    /** Configuration PID (ARCHITECTURE.md configuration contract). */
    String PID = "org.infinergi.green";

    @AttributeDefinition(name = "Minimum green level",
            description = "Manual §5.1.2: the surplus needed to start and keep charging, percent of the minimum "
                    + "charging power (6 A: about 1.4 kW single-phase, 4.1 kW three-phase); the rest of that "
                    + "minimum may come from the grid. 100 = surplus only; 0 = always charge.", min = "0",
            max = "100")
    int minGreenLevelPct() default 100;

    @AttributeDefinition(name = "Minimum exported power",
            description = "Manual §5.1.2: watts always left exported, never counted as surplus; when set (> 0) the "
                    + "minimum green level is treated as 100 %.", min = "0")
    int minExportedW() default 0;

    @AttributeDefinition(name = "Boost energy",
            description = "Manual §5.5, §7.2.1: watt-hours delivered to the vehicle at full power once Boost is "
                    + "switched on, then back to Green; 0 = until the charge ends or Boost is switched off.",
            min = "0")
    int boostEnergyWh() default 0;

    @AttributeDefinition(name = "Smoothing",
            description = "Seconds: time constant of the average of the surplus that starts and modulates the "
                    + "charge, so a kettle or a flicker of the plant does not move it. 0 = the meter as it reads.",
            min = "0", max = "600")
    int smoothingS() default 10;

    @AttributeDefinition(name = "Start delay",
            description = "Seconds the averaged surplus must stay at or above the start threshold, without a break, "
                    + "before a paused charge starts. Doubled for each contactor closing beyond the 2nd in 24 h, up "
                    + "to 8 times: on a day of broken clouds a start waits for a sunny spell that lasts.", min = "0",
            max = "3600")
    int startDelayS() default 30;

    @AttributeDefinition(name = "Minimum on time",
            description = "Seconds a charge Green started runs at least (at the 6 A minimum when the surplus falls "
                    + "short), so a passing cloud does not open the contactor.", min = "0", max = "3600")
    int minOnS() default 120;

    @AttributeDefinition(name = "Minimum off time",
            description = "Seconds a charge Green paused stays paused at least, so the contactor does not cycle.",
            min = "0", max = "3600")
    int minOffS() default 300;

    @AttributeDefinition(name = "Cloud import allowance",
            description = "Watt-hours of grid energy the car may take at the 6 A minimum while the surplus falls "
                    + "short (net of the surplus above the minimum since), before Green pauses the charge: a short "
                    + "cloud passes, a long one stops the charge. Doubled for each contactor closing beyond the 4th in 24 h, "
                    + "up to 16 times and to 6 min of the minimum charging power from the grid: a day of broken clouds rides "
                    + "its shade through instead of cycling the contactor.",
            min = "0", max = "10000")
    int cloudImportWh() default 25;

    @AttributeDefinition(name = "Grid reading lag",
            description = "Milliseconds by which a grid reading can show the site earlier than its time: a meter "
                    + "refreshes its registers (or averages) about once a second. For this long after the car's "
                    + "draw changes, a grid reading may still show the old draw and the surplus larger or smaller by "
                    + "the change: Green holds the surplus it went by then, raises it only to the least and lowers it "
                    + "only to the most the reading can mean. 0 = readings show the site at their time.", min = "0",
            max = "10000")
    int gridLagMs() default 1000;

    @AttributeDefinition(name = "Headroom below the surplus",
            description = "Watts the offer aims below the surplus (above the 6 A minimum): a surplus that falls is "
                    + "seen and followed about 2 s later (the grid reading's poll and lag, the car's reaction), and "
                    + "an offer on the surplus itself imports for each small fall and each watt of the meter's "
                    + "noise. 0 = the whole surplus.", min = "0", max = "1000")
    int headroomW() default 20;
}
