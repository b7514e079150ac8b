package org.infinergi.sim.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The simulated world (sim images only). */
@ObjectClassDefinition(name = "infinergi simulated world",
        description = "Mains, EV and relay below the real drivers (sim images only).")
public @interface SimConfig {

    /** Configuration PID. */
    String PID = "org.infinergi.sim";

    @AttributeDefinition(name = "Mains voltage L1", description = "Line-to-neutral RMS volts.")
    double mainsVoltageL1V() default 230.0;

    @AttributeDefinition(name = "Mains voltage L2", description = "Line-to-neutral RMS volts.")
    double mainsVoltageL2V() default 230.0;

    @AttributeDefinition(name = "Mains voltage L3", description = "Line-to-neutral RMS volts.")
    double mainsVoltageL3V() default 230.0;

    @AttributeDefinition(name = "Supply phases",
            description = "1 or 3. 0 = take org.infinergi.device 'phases' (the model's), else 3.")
    int mainsPhases() default 0;

    @AttributeDefinition(name = "Tick", description = "World step period, milliseconds.", min = "1", max = "1000")
    int tickMs() default 20;

    @AttributeDefinition(name = "Relay delay",
            description = "Time from contactor command to the relay feedback following it, milliseconds.",
            min = "0", max = "1000")
    int relayDelayMs() default 50;

    @AttributeDefinition(name = "EV maximum current", description = "Until an action sets it, amperes per phase.")
    double evMaxCurrentA() default 32.0;

    @AttributeDefinition(name = "EV phases", description = "Until an action sets it: 1 or 3.")
    int evPhases() default 3;

    @AttributeDefinition(name = "Lock delay",
            description = "Time the socket's lock actuator takes to reach the commanded position, milliseconds (untethered models).",
            min = "0", max = "5000")
    int lockDelayMs() default 200;

    @AttributeDefinition(name = "Cable resistor",
            description = "Proximity-pilot resistor of the cable in the socket at start, ohms (untethered models; 220 = 32 A cable).")
    double cableResistanceOhm() default 220.0;

    @AttributeDefinition(name = "Enclosure temperature", description = "At start, °C.")
    double temperatureC() default 25.0;

    @AttributeDefinition(name = "MID meter port", description = "Loopback TCP port of the simulated MID meter "
            + "(Eastron layout, Modbus RTU over TCP, unit 1; manual §4.7, D9); 0 = no MID meter.", min = "0", max = "65535")
    int midMeterPort() default 15020;

    @AttributeDefinition(name = "MID meter model", description = "The MID meter the simulation plays, in its vendor's "
            + "register layout: SDM230, SDM72D, SDM72D-V1, NMID30-2 (Eastron layout), EM111, EM340 (Carlo Gavazzi), "
            + "DTS353F-2, EM519033, EM118090 (IVY, function 03, 8E1). Empty: the Eastron layout (manual §4.7).")
    String midMeterModel() default "";

    @AttributeDefinition(name = "MID meter serial line", description = "A path, e.g. /tmp/infinergi-mid: the MID meter "
            + "is also served as Modbus RTU on a pseudo-terminal pair (socat) whose end at this path is the firmware's "
            + "RS485 port (org.infinergi.meter.modbus port=<path>), with the model's factory serial settings. Empty: "
            + "loopback TCP only.")
    String midMeterSerialLink() default "";

    @AttributeDefinition(name = "Grid meter unit", description = "Unit id of the simulated Modbus grid meter (Eastron "
            + "layout, measuring house + charger − PV; manual §5.2.2, gridMeter=MODBUS) on the MID meter's line "
            + "(midMeterPort); 0 = none.", min = "0", max = "247")
    int gridMeterUnit() default 2;

    @AttributeDefinition(name = "CT remote device port", description = "Loopback TCP port of the simulated CT remote "
            + "device (Modbus RTU over TCP, unit 1; manual §4.6, D2); 0 = none.", min = "0", max = "65535")
    int ctRemotePort() default 15021;
}
