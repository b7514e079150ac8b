package org.infinergi.sim.internal;

import java.util.Arrays;

/**
 * The simulated world below the drivers: mains, cable, EV and the contactor's relay. Pure and
 * synchronous: {@link #step} advances it by an explicit time step, so tests drive it without sleeping and
 * the component drives it from its own scheduler.
 *
 * <p>The EV follows IEC 61851-1 as a real car does: plugging in shows B (+9 V via its 2.74 kΩ); when it
 * wants energy it closes S2 (adds 1.3 kΩ → C, +6 V; or the ventilation resistor → D, +3 V) only after it
 * sees a PWM offer; then it draws min(offer, own maximum) on its phases, only while the contactor really
 * closes the circuit. Its diode blocks the negative half-wave, so the negative plateau stays at −12 V.
 */
public final class World {

    /** Internal EV intent. */
    enum Intent { IDLE, CHARGE, PAUSE, VENTILATION, FULL }

    private final double[] mainsV;
    private final int mainsPhases;
    private final double relayDelayS;

    private boolean plugged;
    private Intent intent = Intent.IDLE;
    private boolean s2Closed;
    private double evMaxCurrentA;
    private int evPhases;
    private double evEnergyWh;

    private boolean contactorCommand;
    private boolean feedback;
    private double sinceCommandChangeS;

    private PilotDrive drive = PilotDrive.OFF;
    private double pilotPositiveV = -12.0;
    private double pilotNegativeV = -12.0;
    private double offeredA;
    private final double[] phaseCurrentsA = new double[3];
    private double timeS;

    /**
     * @param mainsV        mains voltage L1..L3, volts
     * @param mainsPhases   phases of the supply (1 or 3); phases beyond carry 0 V
     * @param relayDelayS   time from contactor command to the relay feedback following it
     * @param evMaxCurrentA the EV's maximum current until an action sets another
     * @param evPhases      phases the EV draws on until an action sets another
     */
    public World(double[] mainsV, int mainsPhases, double relayDelayS, double evMaxCurrentA, int evPhases) {
        if (mainsPhases != 1 && mainsPhases != 3) {
            throw new IllegalArgumentException("mainsPhases must be 1 or 3, was " + mainsPhases);
        }
        this.mainsV = new double[3];
        for (int i = 0; i < 3; i++) {
            this.mainsV[i] = i < mainsPhases ? mainsV[i] : 0.0;
        }
        this.mainsPhases = mainsPhases;
        this.relayDelayS = relayDelayS;
        this.evMaxCurrentA = evMaxCurrentA;
        this.evPhases = evPhases;
        recomputeLine();
    }

    /**
     * Applies a user action.
     *
     * @param maxCurrentA new EV maximum current, or null to keep it
     * @param phases      new EV phase count (1 or 3), or null to keep it
     */
    public synchronized void act(EvAction action, Double maxCurrentA, Integer phases) {
        if (maxCurrentA != null) {
            evMaxCurrentA = maxCurrentA;
        }
        if (phases != null) {
            evPhases = phases;
        }
        switch (action) {
            case PLUG -> {
                if (!plugged) {
                    plugged = true;
                    intent = Intent.IDLE;
                }
            }
            case CHARGE -> {
                plugged = true;
                intent = Intent.CHARGE;
            }
            case PAUSE -> intent = plugged ? Intent.PAUSE : intent;
            case VENTILATION -> intent = plugged ? Intent.VENTILATION : intent;
            case FULL -> intent = plugged ? Intent.FULL : intent;
            case UNPLUG -> {
                plugged = false;
                intent = Intent.IDLE;
            }
        }
        updateS2();
        recomputeLine();
        recomputeDraw();
    }

    /**
     * Advances the world by {@code dtS} seconds under the given pilot drive and contactor command: the relay
     * follows the command after its delay, the EV reacts to the pilot, draws current and counts energy.
     */
    public synchronized void step(double dtS, PilotDrive newDrive, boolean contactorCommanded) {
        timeS += dtS;
        if (contactorCommanded != contactorCommand) {
            contactorCommand = contactorCommanded;
            sinceCommandChangeS = dtS; // the command changed at some point during this step: count from its start
        } else {
            sinceCommandChangeS += dtS;
        }
        if (sinceCommandChangeS >= relayDelayS - 1e-9) {
            feedback = contactorCommand;
        }
        drive = newDrive;
        offeredA = drive.offeredCurrentA();
        updateS2();
        recomputeLine();
        // Energy over this step at the current drawn during it (rectangle rule at the tick's start is
        // equivalent over a run: the draw changes only at ticks).
        double powerW = powerW();
        evEnergyWh += powerW * dtS / 3600.0;
        recomputeDraw();
    }

    private void updateS2() {
        boolean wants = plugged && (intent == Intent.CHARGE || intent == Intent.PAUSE || intent == Intent.VENTILATION);
        if (!wants) {
            s2Closed = false;
        } else if (!s2Closed && offeredA > 0.0) {
            // The EV closes S2 in answer to a PWM offer; once closed it stays closed while it wants to
            // charge, even if the EVSE withdraws the offer (it then draws nothing).
            s2Closed = true;
        }
    }

    private double evPlateauV() {
        if (!plugged) {
            return 12.0;
        }
        if (!s2Closed) {
            return 9.0;
        }
        return intent == Intent.VENTILATION ? 3.0 : 6.0;
    }

    private void recomputeLine() {
        if (drive.steadyLow()) {
            pilotPositiveV = -12.0;
            pilotNegativeV = -12.0;
        } else if (drive.steadyHigh()) {
            pilotPositiveV = evPlateauV();
            pilotNegativeV = evPlateauV();
        } else {
            pilotPositiveV = evPlateauV();
            pilotNegativeV = -12.0; // the EV's diode blocks the negative half-wave: the generator's −12 V
        }
    }

    private void recomputeDraw() {
        double perPhase = 0.0;
        boolean drawing = plugged && s2Closed && feedback && offeredA > 0.0 && intent != Intent.PAUSE
                && !drive.steadyLow();
        if (drawing) {
            perPhase = Math.min(offeredA, evMaxCurrentA);
        }
        int phases = Math.min(evPhases, mainsPhases);
        for (int i = 0; i < 3; i++) {
            phaseCurrentsA[i] = i < phases ? perPhase : 0.0;
        }
    }

    private double powerW() {
        double p = 0.0;
        for (int i = 0; i < 3; i++) {
            p += mainsV[i] * phaseCurrentsA[i];
        }
        return p;
    }

    private String evStateLetter() {
        if (drive.steadyLow()) {
            return "F";
        }
        double v = pilotPositiveV;
        if (Math.abs(v - 12) <= 1) {
            return "A";
        }
        if (Math.abs(v - 9) <= 1) {
            return "B";
        }
        if (Math.abs(v - 6) <= 1) {
            return "C";
        }
        if (Math.abs(v - 3) <= 1) {
            return "D";
        }
        if (Math.abs(v) <= 1) {
            return "E";
        }
        return "?";
    }

    /** Pilot positive plateau, volts. */
    public synchronized double pilotPositiveV() {
        return pilotPositiveV;
    }

    /** Pilot negative plateau, volts. */
    public synchronized double pilotNegativeV() {
        return pilotNegativeV;
    }

    /** Whether the relay feedback reports the contactor closed. */
    public synchronized boolean contactorFeedback() {
        return feedback;
    }

    /** Mains voltage per phase L1..L3, volts. */
    public synchronized double[] mainsVoltagesV() {
        return mainsV.clone();
    }

    /** Current per phase L1..L3, amperes. */
    public synchronized double[] phaseCurrentsA() {
        return phaseCurrentsA.clone();
    }

    /** The EV's own energy counter, watt-hours. */
    public synchronized double evEnergyWh() {
        return evEnergyWh;
    }

    /** A consistent snapshot of everything. */
    public synchronized WorldState state() {
        int phases = Math.min(evPhases, mainsPhases);
        return new WorldState(evStateLetter(), plugged, plugged ? intent.name() : "UNPLUGGED",
                pilotPositiveV, pilotNegativeV, drive.on(), drive.dutyPct(), drive.frequencyHz(), offeredA,
                evMaxCurrentA, evPhases, phases > 0 ? phaseCurrentsA[0] : 0.0,
                Arrays.copyOf(phaseCurrentsA, 3), powerW(), evEnergyWh, contactorCommand, feedback,
                mainsV.clone(), mainsPhases, timeS);
    }
}
