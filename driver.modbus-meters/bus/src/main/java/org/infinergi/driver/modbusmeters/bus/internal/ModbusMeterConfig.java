package org.infinergi.driver.modbusmeters.bus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** A meter on Modbus (factory configuration: one per meter, e.g. {@code etc/org.infinergi.meter.modbus-mid.cfg}). */
@ObjectClassDefinition(id = ModbusMeterConfig.PID, name = "infinergi Modbus meter",
        description = "A MID meter on the RS485 terminal (manual §4.7, §5.2.1.2) or the CT remote device (§4.6, §5.2.2). "
                + "Selecting it for charging is org.infinergi.metering (vehicleMeter=MID, gridMeter=CT_REMOTE or MODBUS).")
public @interface ModbusMeterConfig {

    /** Factory configuration PID. */
    String PID = "org.infinergi.meter.modbus";

    // No options: the allowed values are the models the installed vendor bundles carry (a refused value is listed
    // naming them), so a vendor bundle added in the field needs no change here.
    @AttributeDefinition(name = "Model", description = "The meter model as printed on the meter (manual §4.7): SDM230, "
            + "SDM72D, SDM72D-V1 (Eastron), EM111, EM340 (Carlo Gavazzi), NMID30-2 (LUMEL), EM118090, EM519033, "
            + "DTS353F-2 (IVY), or CT-REMOTE (the CT remote device, §4.6); one of the models the installed vendor "
            + "bundles carry.")
    String model() default "";

    @AttributeDefinition(name = "Role", description = "What it measures: VEHICLE (the energy supplied to the vehicle, "
            + "§5.2.1) or GRID (import/export from the grid, §5.2.2).",
            options = {@Option(value = "VEHICLE", label = "Vehicle"), @Option(value = "GRID", label = "Grid")})
    String role() default "";

    @AttributeDefinition(name = "Serial port", required = false,
            description = "Serial device of the RS485 line (Modbus RTU), e.g. /dev/ttyAMA0. Either this or a host.")
    String port() default "";

    @AttributeDefinition(name = "Host", required = false,
            description = "Host of a Modbus TCP meter or serial server (test rigs, the simulator). Either this or a port.")
    String host() default "";

    @AttributeDefinition(name = "TCP port", min = "1", max = "65535")
    int tcpPort() default 502;

    @AttributeDefinition(name = "TCP framing", description = "TCP: Modbus TCP. RTU_OVER_TCP: RTU frames through a serial server.",
            options = {@Option(value = "TCP", label = "Modbus TCP"), @Option(value = "RTU_OVER_TCP", label = "RTU over TCP")})
    String framing() default "TCP";

    @AttributeDefinition(name = "Slave id", description = "The meter's Modbus unit id (factory setting 1).", min = "1", max = "247")
    int slaveId() default 1;

    @AttributeDefinition(name = "Baud rate", description = "Serial line speed (factory setting 9600; some SDM230 ship at 2400).")
    int baud() default 9600;

    @AttributeDefinition(name = "Parity", description = "NONE (Eastron, Gavazzi: 8N1) or EVEN (IVY: 8E1).",
            options = {@Option(value = "NONE", label = "None"), @Option(value = "EVEN", label = "Even"),
                @Option(value = "ODD", label = "Odd")})
    String parity() default "NONE";

    @AttributeDefinition(name = "Stop bits", min = "1", max = "2")
    int stopBits() default 1;

    @AttributeDefinition(name = "Poll period (ms)", description = "Time between the end of one reading and the next.",
            min = "100", max = "60000")
    int pollMs() default 1000;

    @AttributeDefinition(name = "Timeout (ms)", description = "Wait for an answer to one request.", min = "50", max = "10000")
    int timeoutMs() default 500;

    @AttributeDefinition(name = "Retries", description = "Further tries of a request that got no answer.", min = "0", max = "5")
    int retries() default 1;

    @AttributeDefinition(name = "Reading hold (ms)", description = "A reading without a newer one is withdrawn after "
            + "this long (no values rather than old ones); at least two poll periods. The D9/D2 verdict is the core's "
            + "(org.infinergi.core.charging meterStaleMs).", min = "200", max = "600000")
    int holdMs() default 3000;
}
