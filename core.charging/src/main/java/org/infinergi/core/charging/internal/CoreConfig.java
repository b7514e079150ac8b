package org.infinergi.core.charging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Tuning of the charging core itself (not a manual setting), PID {@code org.infinergi.core.charging}. */
@ObjectClassDefinition(name = "Charging core",
        description = "Control loop of the charging core (IEC 61851-1 state machine).")
@interface CoreConfig {

    @AttributeDefinition(name = "Control loop period (ms)", min = "10", max = "1000",
            description = "How often the pilot is read and the offer decided; IEC 61851-1 wants state changes "
                    + "seen within about 50 ms.")
    int loopPeriodMs() default 50;

    @AttributeDefinition(name = "Stop grace (ms)", min = "0", max = "6000",
            description = "When the charger withdraws its offer while the vehicle stays in C, how long the contactor "
                    + "may stay closed for the vehicle to stop drawing (IEC 61851-1 allows about 6 s).")
    int stopGraceMs() default 3000;

    @AttributeDefinition(name = "Fault hold (ms)", min = "0", max = "5000",
            description = "After a fault that opens the contactor at once, the pilot is held in state F this long "
                    + "(IEC 61851-1: about 300 ms) before the charger watches the vehicle again (manual §9.1).")
    int faultHoldMs() default 300;

    @AttributeDefinition(name = "Undervoltage threshold (V)", min = "150", max = "230",
            description = "I3 Undervoltage, \"input voltage too low\" (manual §9.1): any phase below it; the supply "
                    + "is 230 V ±10 % (manual §2.3). The error is automatically cleared when the voltage returns "
                    + "above the minimum threshold.")
    int undervoltageV() default 207;

    @AttributeDefinition(name = "Overvoltage threshold (V)", min = "230", max = "300",
            description = "I4 Overvoltage, \"input voltage too high\" (manual §9.1): any phase above it. The error "
                    + "is automatically cleared when the voltage returns below the maximum threshold.")
    int overvoltageV() default 253;

    @AttributeDefinition(name = "Voltage debounce (ms)", min = "0", max = "60000",
            description = "How long a phase voltage must stay beyond a threshold before I3/I4 is raised.")
    int voltageDebounceMs() default 2000;

    @AttributeDefinition(name = "Overload threshold (%)", min = "100", max = "200",
            description = "V1 Overload: \"the current drawn by the vehicle exceeded the maximum limit (125%)\" "
                    + "(manual §9.1), as a share of the offered current, on any phase.")
    int overloadPct() default 125;

    @AttributeDefinition(name = "Overload time (ms)", min = "0", max = "60000",
            description = "How long the overload must last before V1; IEC 61851-1 gives the vehicle about 5 s to "
                    + "follow a lower offer, so keep it above 5000.")
    int overloadMs() default 6000;

    @AttributeDefinition(name = "Relay feedback timeout (ms)", min = "50", max = "5000",
            description = "D4 Incorrect output voltage (manual §9.1): the contactor feedback disagrees with the "
                    + "command for longer than this (welded, or failed to close; relays switch in about 50 ms).")
    int relayTimeoutMs() default 300;

    @AttributeDefinition(name = "Lock feedback timeout (ms)", min = "100", max = "10000",
            description = "D5 Error in locking/unlocking the connector (manual §9.1, untethered versions): the lock "
                    + "does not reach the commanded position within this time.")
    int lockTimeoutMs() default 1000;

    @AttributeDefinition(name = "RDC-DD test timeout (ms)", min = "50", max = "10000",
            description = "D6 Internal protective device error (manual §4.3, §9.1): the RDC-DD tested before each "
                    + "charge must trip within this time of its test current and release within this time after.")
    int rdcTestTimeoutMs() default 1000;

    @AttributeDefinition(name = "Pilot diode check (ms)", min = "0", max = "5000",
            description = "V4 Pilot problem (manual §9.1): the negative pilot plateau is not about −12 V while the "
                    + "PWM runs (missing vehicle diode) for longer than this.")
    int diodeCheckMs() default 200;

    @AttributeDefinition(name = "Pilot fault confirmation (ms)", min = "0", max = "1000",
            description = "V4 Pilot problem (manual §9.1): state E, state F read back or a pilot voltage outside "
                    + "every IEC 61851-1 band must last this long before the error is raised; meanwhile the charger "
                    + "offers nothing and keeps the contactor open. Guards against a pilot line still settling "
                    + "after the charger itself drove state F (start-up, after a fault).")
    int pilotFaultMs() default 100;

    @AttributeDefinition(name = "Meter silence timeout (ms)", min = "1000", max = "600000",
            description = "D9 (configured MID meter) and D2 (CT remote device) when the meter is missing or has not "
                    + "answered for longer than this; some Modbus meters need about a minute after power-up "
                    + "(manual §9.1 note 5).")
    int meterStaleMs() default 60000;

    @AttributeDefinition(name = "Hardware start-up grace (ms)", min = "0", max = "120000",
            description = "After start, how long the hardware services the model needs (RDC-DD, board sensors, "
                    + "proximity pilot and lock of untethered models) may be missing before it is an error; until "
                    + "then the charger only waits.")
    int bootGraceMs() default 10000;

    @AttributeDefinition(name = "Stop current (A)", min = "0", max = "32",
            description = "V3 Non-compliant vehicle (manual §9.1): after the charger withdrew its PWM offer the "
                    + "vehicle still draws more than this on a phase when the stop grace ends (IEC 61851-1).")
    int stopCurrentA() default 1;

    @AttributeDefinition(name = "RDC-DD required",
            description = "The integrated 6 mA DC leakage device is tested before each charge (manual §4.3); "
                    + "without its service the charger does not charge (D6). Keep true on every real board.")
    boolean requireRdcDd() default true;

    @AttributeDefinition(name = "Board sensors required",
            description = "Earth monitoring, phase reversal and temperature (manual §9.1 I1, I2, D7); without "
                    + "their service the charger does not charge (D3). Keep true on every real board.")
    boolean requireBoardSensors() default true;

    @AttributeDefinition(name = "Authentication validity (ms)", min = "1000", max = "600000",
            description = "A user who authenticates (manual §5.7) before plugging in has this long to connect the "
                    + "vehicle; then the authentication lapses.")
    int authValidityMs() default 60000;

    @AttributeDefinition(name = "Update timeout (ms)", min = "10000", max = "3600000",
            description = "A firmware update (manual §5.9) that never reports its end stops blocking new charges "
                    + "after this long, so a failed updater cannot leave the charger unusable.")
    int updateTimeoutMs() default 600000;

    @AttributeDefinition(name = "Pilot oscillator check (ms)", min = "0", max = "5000",
            description = "D8 Unexpected status (manual §9.1): the pilot line shows a PWM (negative plateau at -12 V) "
                    + "while the charger commands a steady +12 V, i.e. it signals an offer it does not make, for "
                    + "longer than this (IEC 61851-1 allows no offer without the EVSE's intent).")
    int oscillatorCheckMs() default 200;

    @AttributeDefinition(name = "Meter reading freshness (ms)", min = "200", max = "60000",
            description = "A vehicle-meter reading older than this is not used to judge overload (V1), the supply "
                    + "voltage (I3/I4) or whether the vehicle stopped (V3): a silent meter's last current must not "
                    + "stand for what flows now. A MID meter is polled about every second.")
    int meterFreshMs() default 5000;
}
