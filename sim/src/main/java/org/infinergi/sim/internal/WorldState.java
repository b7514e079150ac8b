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
 */
public record WorldState(String evState, boolean plugged, String evIntent, double pilotPositiveV,
        double pilotNegativeV, boolean pwmOn, double dutyCyclePct, int pwmFrequencyHz, double offeredCurrentA,
        double evMaxCurrentA, int evPhases, double evCurrentA, double[] phaseCurrentsA, double evPowerW,
        double evEnergyWh, boolean contactorCommanded, boolean contactor, double[] mainsVoltagesV,
        int mainsPhases, double timeS) {
}
