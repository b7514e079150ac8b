package org.infinergi.sim.internal;

/**
 * A snapshot of the simulated world, as GET /api/sim answers it.
 *
 * @param evState            the pilot state the line shows: A–F, or "?" for no valid plateau
 * @param plugged            whether the cable is plugged in
 * @param evIntent           what the EV wants: IDLE, CHARGE, PAUSE, VENTILATION, FULL (UNPLUGGED when not plugged)
 * @param pilotPositiveV     positive plateau of the pilot line, volts
 * @param pilotNegativeV     negative plateau of the pilot line, volts
 * @param pwmOn              whether the driver's PWM output is on
 * @param dutyCyclePct       PWM duty cycle the driver set, percent
 * @param pwmFrequencyHz     PWM frequency the driver set
 * @param offeredCurrentA    the current the duty cycle offers, amperes
 * @param evMaxCurrentA      the EV's own maximum current per phase, amperes
 * @param evPhases           phases the EV draws on (1 or 3)
 * @param evCurrentA         current the EV draws per active phase, amperes
 * @param phaseCurrentsA     current per mains phase L1..L3, amperes
 * @param evPowerW           power the EV draws, watts
 * @param evEnergyWh         energy the EV has drawn since the simulation started, watt-hours
 * @param contactorCommanded the contactor output the driver sets
 * @param contactor          the relay feedback: contactor really closed
 * @param mainsVoltagesV     mains voltage per phase L1..L3, volts (0 on phases the installation lacks)
 * @param mainsPhases        phases of the supply (1 or 3)
 * @param timeS              simulated time since start, seconds
 * @param faults             the injected physical causes (code, variant, cause), empty when healthy
 * @param tethered           true for fixed-cable (T) models: no proximity pilot, no lock
 * @param cableResistanceOhm the PP resistor of the cable in the socket, ohms; null on tethered models or with no cable
 * @param ppResistanceOhm    what the PP input really sees, ohms (V5 overrides the cable); null = open
 * @param temperatureC       the temperature the enclosure NTC sees, °C (D7 overrides the set one)
 * @param temperatureSetC    the enclosure temperature set through POST /api/sim/temperature, °C
 * @param lock               the lock actuator (untethered models)
 * @param rcd                the RDC-DD (6 mA DC leakage device)
 * @param earthPresent       what the earth monitor input says
 * @param phaseNeutralReversed what the phase-reversal input says
 * @param pilotAdcAnswering  false while D3 silences the pilot front end's MCP3208
 * @param site               the household and PV plant behind the grid connection, and what the grid carries
 */
public record WorldState(String evState, boolean plugged, String evIntent, double pilotPositiveV,
        double pilotNegativeV, boolean pwmOn, double dutyCyclePct, int pwmFrequencyHz, double offeredCurrentA,
        double evMaxCurrentA, int evPhases, double evCurrentA, double[] phaseCurrentsA, double evPowerW,
        double evEnergyWh, boolean contactorCommanded, boolean contactor, double[] mainsVoltagesV,
        int mainsPhases, double timeS, java.util.List<ActiveFault> faults, boolean tethered,
        Double cableResistanceOhm, Double ppResistanceOhm, double temperatureC, double temperatureSetC, Lock lock,
        Rcd rcd, boolean earthPresent, boolean phaseNeutralReversed, boolean pilotAdcAnswering, Site site) {

    /**
     * The site (POST /api/sim/site) and its grid connection, which the CTs, the CT remote device and a grid meter
     * measure: house + charger − PV per phase.
     *
     * @param houseW        house load per phase L1..L3 without the charger, watts
     * @param pvW           PV output in total, watts (spread evenly over the supply's phases)
     * @param gridPowersW   per phase through the grid connection, watts: + import, − export
     * @param gridCurrentsA per phase, amperes, signed as the power
     * @param gridPowerW    the total, watts
     * @param gridImportWh  energy imported since the simulation started, watt-hours
     * @param gridExportWh  energy exported since the simulation started, watt-hours
     */
    public record Site(double[] houseW, double pvW, double[] gridPowersW, double[] gridCurrentsA, double gridPowerW,
            double gridImportWh, double gridExportWh) {
    }

    /** An injected physical cause. */
    public record ActiveFault(String fault, String variant, String cause) {
    }

    /**
     * @param fitted    false on tethered models (no actuator: the feedback stays low)
     * @param commanded the lock output the driver sets
     * @param locked    the position switch: plug really locked
     */
    public record Lock(boolean fitted, boolean commanded, boolean locked) {
    }

    /**
     * @param testCurrent the test output the driver sets
     * @param tripped     the trip output the driver reads
     */
    public record Rcd(boolean testCurrent, boolean tripped) {
    }
}
