package org.infinergi.core.charging.internal;

/**
 * Validated values of the core's own PID {@code org.infinergi.core.charging}: the control loop and the protection
 * thresholds of manual §9.1 (see {@link CoreConfig} for each key's meaning).
 *
 * @param loopPeriodMs       control loop period, 10..1000 ms
 * @param stopGraceMs        how long the contactor may stay closed after the PWM offer is withdrawn while the vehicle
 *                           stays in C (IEC 61851-1 allows up to about 6 s), 0..6000 ms
 * @param faultHoldMs        state F held after a fault that opens the contactor at once (≈ 300 ms)
 * @param undervoltageV      I3 below this phase voltage (230 V −10 %, manual §2.3)
 * @param overvoltageV       I4 above this phase voltage (230 V +10 %)
 * @param voltageDebounceMs  how long a phase voltage must stay out of range before I3/I4
 * @param overloadPct        V1 above this share of the offered current (manual §9.1: 125 %)
 * @param overloadMs         how long the overload must last before V1
 * @param relayTimeoutMs     D4 when the relay feedback disagrees with the command for longer
 * @param lockTimeoutMs      D5 when the lock feedback disagrees with the command for longer
 * @param rdcTestTimeoutMs   D6 when the RDC-DD does not trip (or release) within this time of its self-test
 * @param diodeCheckMs       V4 when the negative plateau is missing under PWM for longer (missing EV diode)
 * @param pilotFaultMs       V4 when the pilot reads state E, state F or no band at all for longer; until then the
 *                           charger only stays on the safe side (no offer, contactor open)
 * @param meterStaleMs       D9/D2 when a configured MID/CT meter is missing or silent for longer
 * @param bootGraceMs        how long after start the hardware services the model needs may be missing before
 *                           their absence is an error (until then charging only waits)
 * @param stopCurrentA       V3 when the vehicle still draws more than this at the end of the stop grace
 * @param requireRdcDd       whether charging needs the RDC-DD service (D6 when it is missing)
 * @param requireBoardSensors whether charging needs the board sensors service (D3 when it is missing)
 * @param authValidityMs     how long an authentication given with no vehicle connected waits for one (manual §5.7)
 * @param updateTimeoutMs    a firmware update that never says it is over stops blocking charging after this long
 * @param oscillatorCheckMs  D8 when the pilot line shows a PWM the charger did not command for longer
 * @param meterFreshMs       a vehicle-meter reading older than this judges nothing (overload, voltage, the stop)
 */
record CoreSettings(long loopPeriodMs, long stopGraceMs, long faultHoldMs, int undervoltageV, int overvoltageV,
        long voltageDebounceMs, int overloadPct, long overloadMs, long relayTimeoutMs, long lockTimeoutMs,
        long rdcTestTimeoutMs, long diodeCheckMs, long pilotFaultMs, long meterStaleMs, long bootGraceMs, int stopCurrentA,
        boolean requireRdcDd, boolean requireBoardSensors, long authValidityMs, long updateTimeoutMs,
        long oscillatorCheckMs, long meterFreshMs) {

    static final CoreSettings DEFAULTS = ConfigParser.core(java.util.Map.of(), null).value();

    /** The 1.0 shape (loop and grace), every protection at its default; for tests. */
    CoreSettings(long loopPeriodMs, long stopGraceMs) {
        this(loopPeriodMs, stopGraceMs, DEFAULTS.faultHoldMs, DEFAULTS.undervoltageV, DEFAULTS.overvoltageV,
                DEFAULTS.voltageDebounceMs, DEFAULTS.overloadPct, DEFAULTS.overloadMs, DEFAULTS.relayTimeoutMs,
                DEFAULTS.lockTimeoutMs, DEFAULTS.rdcTestTimeoutMs, DEFAULTS.diodeCheckMs, DEFAULTS.pilotFaultMs, DEFAULTS.meterStaleMs,
                DEFAULTS.bootGraceMs, DEFAULTS.stopCurrentA, DEFAULTS.requireRdcDd, DEFAULTS.requireBoardSensors,
                DEFAULTS.authValidityMs, DEFAULTS.updateTimeoutMs, DEFAULTS.oscillatorCheckMs, DEFAULTS.meterFreshMs);
    }
}
