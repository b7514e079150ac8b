package org.infinergi.sim.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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

    /** Mains voltage the I3 fault puts on every supply phase, volts (below 230 V − 10 %, manual §2.3.2). */
    public static final double UNDERVOLTAGE_V = 180.0;
    /** Mains voltage the I4 fault puts on every supply phase, volts (above 230 V + 10 %). */
    public static final double OVERVOLTAGE_V = 270.0;
    /** What the EV draws under V1, as a multiple of the offer (manual §9.1: more than 125 %). */
    public static final double OVERLOAD_FACTOR = 1.4;
    /** The PP resistor V5 shows, ohms: above every IEC 61851-1 range and above the 4.5 kΩ invalid limit. */
    public static final double INVALID_CABLE_OHM = 10_000.0;
    /** The enclosure temperature D7 makes the NTC see, °C. */
    public static final double OVERHEAT_C = 90.0;
    /** The default cable of untethered models: 32 A, 220 Ω (IEC 61851-1 table B.2). */
    public static final double DEFAULT_CABLE_OHM = 220.0;

    private final double[] mainsV;
    /** The supply's voltages as configured, on all three lines (the model decides how many carry them). */
    private final double[] ratedMainsV;
    private final double[] nominalMainsV;
    private int mainsPhases;
    private final double relayDelayS;
    private boolean tethered;
    private final double lockDelayS;

    private final Map<SimFault, String> faults = new EnumMap<>(SimFault.class);
    private Double cableOhm;
    private double temperatureC = 25.0;
    private boolean lockCommand;
    private boolean lockFeedback;
    private double sinceLockChangeS;
    private boolean rcdTestCurrent;
    private boolean rcdTripped;

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
    /** The last PWM the generator ran (a stuck oscillator keeps it); 50 % before any. */
    private PilotDrive lastOscillation = new PilotDrive(true, 50.0, 1000);
    private double pilotPositiveV = -12.0;
    private double pilotNegativeV = -12.0;
    private double offeredA;
    /**
     * How long the EV takes to follow a new offer, seconds (IEC 61851-1 allows it up to 5 s); 0 = at once, as
     * before this option existed. The energy replay (bench/energy.sh) sets it: a real car's lag decides how long a
     * site stays over its import limit after DLM lowered the offer.
     */
    private double evResponseDelayS;
    /** The offer the EV draws by: the one the line carried {@link #evResponseDelayS} ago. */
    private double followedOfferA;
    /** Offers not yet followed: {time they appeared on the line, amperes}, oldest first. */
    private final Deque<double[]> pendingOffers = new ArrayDeque<>();
    private final double[] phaseCurrentsA = new double[3];
    private double timeS;

    /** The household behind the grid meter: its load per phase without the charger, watts (manual §4.6 drawing). */
    private final double[] houseW = new double[3];
    /** The PV plant's output, watts in total, spread evenly over the supply's phases. */
    private double pvW;
    private double gridImportWh;
    private double gridExportWh;

    /**
     * @param mainsV        mains voltage L1..L3, volts
     * @param mainsPhases   phases of the supply (1 or 3); phases beyond carry 0 V
     * @param relayDelayS   time from contactor command to the relay feedback following it
     * @param evMaxCurrentA the EV's maximum current until an action sets another
     * @param evPhases      phases the EV draws on until an action sets another
     */
    public World(double[] mainsV, int mainsPhases, double relayDelayS, double evMaxCurrentA, int evPhases) {
        this(mainsV, mainsPhases, relayDelayS, evMaxCurrentA, evPhases, true, 0.2);
    }

    /**
     * @param tethered   true: fixed cable, no proximity pilot, no lock (T models); false: socket with a 220 Ω
     *                   (32 A) cable inserted and a lock actuator (U models)
     * @param lockDelayS time the lock actuator takes to reach the commanded position
     */
    public World(double[] mainsV, int mainsPhases, double relayDelayS, double evMaxCurrentA, int evPhases,
            boolean tethered, double lockDelayS) {
        if (mainsPhases != 1 && mainsPhases != 3) {
            throw new IllegalArgumentException("mainsPhases must be 1 or 3, was " + mainsPhases);
        }
        this.ratedMainsV = mainsV.clone();
        this.mainsV = new double[3];
        for (int i = 0; i < 3; i++) {
            this.mainsV[i] = i < mainsPhases ? mainsV[i] : 0.0;
        }
        this.nominalMainsV = this.mainsV.clone();
        this.mainsPhases = mainsPhases;
        this.relayDelayS = relayDelayS;
        this.tethered = tethered;
        this.lockDelayS = lockDelayS;
        this.cableOhm = tethered ? null : DEFAULT_CABLE_OHM;
        this.evMaxCurrentA = evMaxCurrentA;
        this.evPhases = evPhases;
        recomputeLine();
    }

    /**
     * Builds the world as another model of manual §2.6 (the label becomes known after power-up): the supply's
     * phases, and the cable — tethered: fixed, no proximity pilot, no lock; untethered: a socket with a cable of
     * {@code cableOhm} on its proximity pilot. Causes that do not exist on a tethered model (V5, D5) go.
     */
    public synchronized void setModel(int phases, boolean fixedCable, double cableOhm) {
        if (phases != 1 && phases != 3) {
            throw new IllegalArgumentException("mainsPhases must be 1 or 3, was " + phases);
        }
        mainsPhases = phases;
        for (int i = 0; i < 3; i++) {
            nominalMainsV[i] = i < phases ? ratedMainsV[i] : 0.0;
        }
        if (fixedCable != tethered) {
            tethered = fixedCable;
            this.cableOhm = fixedCable ? null : cableOhm;
            lockFeedback = false;
            faults.remove(SimFault.V5);
            faults.remove(SimFault.D5);
        }
        applyMains();
        updateS2();
        recomputeLine();
        recomputeDraw();
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
        step(dtS, newDrive, contactorCommanded, lockCommand, false);
    }

    /**
     * Advances the world by {@code dtS} seconds under all the board's outputs: pilot drive, contactor, lock
     * actuator and the RDC-DD test current. The lock's feedback follows its command after the lock delay
     * (unless D5 holds it); the RDC-DD trips while its test current flows (unless D6) and while DC leakage
     * flows (V2 during a charge).
     */
    public synchronized void step(double dtS, PilotDrive newDrive, boolean contactorCommanded, boolean lockCommanded,
            boolean rcdTest) {
        timeS += dtS;
        if (lockCommanded != lockCommand) {
            lockCommand = lockCommanded;
            sinceLockChangeS = dtS;
        } else {
            sinceLockChangeS += dtS;
        }
        if (!tethered && !faults.containsKey(SimFault.D5) && sinceLockChangeS >= lockDelayS - 1e-9) {
            lockFeedback = lockCommand;
        }
        rcdTestCurrent = rcdTest;
        if (contactorCommanded != contactorCommand) {
            contactorCommand = contactorCommanded;
            sinceCommandChangeS = dtS; // the command changed at some point during this step: count from its start
        } else {
            sinceCommandChangeS += dtS;
        }
        if (sinceCommandChangeS >= relayDelayS - 1e-9) {
            feedback = contactorCommand;
        }
        if ("welded".equals(faults.get(SimFault.D4))) {
            feedback = true;
        } else if ("open".equals(faults.get(SimFault.D4))) {
            feedback = false;
        }
        if (newDrive.oscillating()) {
            lastOscillation = newDrive;
        }
        // D8: a stuck pilot oscillator keeps running when the board commands a steady +12 V (state F, a separate
        // path on the board, still works); the line then offers a current the firmware did not decide.
        drive = faults.containsKey(SimFault.D8) && newDrive.steadyHigh() ? lastOscillation : newDrive;
        offeredA = drive.offeredCurrentA();
        followOffer(dtS);
        updateS2();
        recomputeLine();
        // Energy over this step at the current drawn during it (rectangle rule at the tick's start is
        // equivalent over a run: the draw changes only at ticks).
        double powerW = powerW();
        evEnergyWh += powerW * dtS / 3600.0;
        countGridEnergy(dtS);
        recomputeDraw();
        recomputeRcd();
    }

    /**
     * Sets how long the EV takes to follow a change of the offered current, seconds: it draws by the offer the line
     * carried that long ago (a pure delay, so an offer that keeps changing is followed, late, rather than never).
     * Withdrawing the PWM is a change of the offer to 0 A like any other; state F and an opening contactor stop the
     * draw at once (the circuit is gone). 0, the default, follows at once.
     *
     * @throws IllegalArgumentException for a negative or non-finite delay
     */
    public synchronized void setEvResponseDelay(double seconds) {
        if (!(seconds >= 0 && Double.isFinite(seconds))) {
            throw new IllegalArgumentException("EV response delay must be a finite number of seconds ≥ 0, was "
                    + seconds);
        }
        evResponseDelayS = seconds;
        pendingOffers.clear();
        followedOfferA = offeredA;
    }

    /** Moves the offer the EV draws by to the one the line carried {@link #evResponseDelayS} ago. */
    private void followOffer(double dtS) {
        if (evResponseDelayS <= 0) {
            followedOfferA = offeredA;
            return;
        }
        double[] last = pendingOffers.peekLast();
        double latest = last != null ? last[1] : followedOfferA;
        if (offeredA != latest) {
            // The offer changed at some point during this step: count from its start, as the relay does.
            pendingOffers.addLast(new double[] { timeS - dtS, offeredA });
        }
        while (!pendingOffers.isEmpty() && timeS - pendingOffers.peekFirst()[0] >= evResponseDelayS - 1e-9) {
            followedOfferA = pendingOffers.pollFirst()[1];
        }
    }

    /**
     * Sets the household and the PV plant behind the grid connection (the charger's supply): {@code houseW} is the
     * load per phase L1..L3 without the charger, {@code pvW} the plant's total output, spread evenly over the supply's
     * phases. The grid then carries house + charger − PV on each phase: what the CTs, the CT remote device and a grid
     * meter measure.
     *
     * @throws IllegalArgumentException for a negative or non-finite value
     * @throws IllegalStateException    for a load on L2 or L3 of a single-phase supply
     */
    public synchronized void setSite(double[] house, double pv) {
        if (house.length != 3) {
            throw new IllegalArgumentException("houseW must have three values (L1, L2, L3), had " + house.length);
        }
        for (int p = 0; p < 3; p++) {
            if (!(house[p] >= 0 && Double.isFinite(house[p]))) {
                throw new IllegalArgumentException("houseW[" + p + "] must be a finite number of watts ≥ 0, was "
                        + house[p]);
            }
            if (p >= mainsPhases && house[p] != 0) {
                throw new IllegalStateException("houseW[" + p + "]: a single-phase supply has no L" + (p + 1));
            }
        }
        if (!(pv >= 0 && Double.isFinite(pv))) {
            throw new IllegalArgumentException("pvW must be a finite number of watts ≥ 0, was " + pv);
        }
        System.arraycopy(house, 0, houseW, 0, 3);
        pvW = pv;
    }

    /** Power through the grid connection per phase L1..L3, watts: + import, − export; 0 on phases without supply. */
    public synchronized double[] gridPowersW() {
        double[] out = new double[3];
        for (int p = 0; p < mainsPhases; p++) {
            out[p] = houseW[p] + mainsV[p] * phaseCurrentsA[p] - pvW / mainsPhases;
        }
        return out;
    }

    /** Current through the grid connection per phase, amperes: + import, − export (unity power factor). */
    public synchronized double[] gridCurrentsA() {
        double[] w = gridPowersW();
        double[] out = new double[3];
        for (int p = 0; p < 3; p++) {
            out[p] = mainsV[p] > 0 ? w[p] / mainsV[p] : 0.0;
        }
        return out;
    }

    private void countGridEnergy(double dtS) {
        double total = 0;
        for (double w : gridPowersW()) {
            total += w;
        }
        if (total > 0) {
            gridImportWh += total * dtS / 3600.0;
        } else {
            gridExportWh -= total * dtS / 3600.0;
        }
    }

    private void recomputeRcd() {
        boolean leakage = faults.containsKey(SimFault.V2) && (phaseCurrentsA[0] + phaseCurrentsA[1] + phaseCurrentsA[2]) > 0.0;
        rcdTripped = (rcdTestCurrent && !faults.containsKey(SimFault.D6)) || leakage;
    }

    /**
     * Injects ({@code active}) or removes the physical cause of {@code fault}. The caller has validated the
     * fault is {@linkplain SimFault#simulated() simulated} and the variant is one of its variants.
     *
     * @throws IllegalStateException when the cause does not exist on this model (V5, D5 on tethered models)
     */
    public synchronized void setFault(SimFault fault, String variant, boolean active) {
        if (!fault.simulated()) {
            throw new IllegalArgumentException(fault + " is not simulated by the world: " + fault.notSimulatedReason());
        }
        String v = variant == null ? fault.defaultVariant() : variant;
        if (!fault.variants().contains(v)) {
            throw new IllegalArgumentException(fault + " has no variant '" + v + "', only " + fault.variants());
        }
        if (tethered && (fault == SimFault.V5 || fault == SimFault.D5)) {
            throw new IllegalStateException(fault + " needs an untethered (U) model: a tethered model has no "
                    + (fault == SimFault.V5 ? "proximity pilot" : "lock actuator"));
        }
        if (active) {
            faults.put(fault, v);
            // I3 and I4 are two values of the same mains voltage: one replaces the other.
            if (fault == SimFault.I3) {
                faults.remove(SimFault.I4);
            } else if (fault == SimFault.I4) {
                faults.remove(SimFault.I3);
            }
        } else {
            faults.remove(fault);
        }
        applyMains();
        updateS2();
        recomputeLine();
        recomputeDraw();
        recomputeRcd();
    }

    private void applyMains() {
        for (int i = 0; i < 3; i++) {
            double v = nominalMainsV[i];
            if (i < mainsPhases && faults.containsKey(SimFault.I3)) {
                v = UNDERVOLTAGE_V;
            } else if (i < mainsPhases && faults.containsKey(SimFault.I4)) {
                v = OVERVOLTAGE_V;
            }
            mainsV[i] = v;
        }
    }

    /**
     * Sets the proximity-pilot resistor of the cable in the socket, ohms, or {@code null} for no cable (the PP
     * input then floats open).
     *
     * @throws IllegalStateException on tethered models (no socket, no proximity pilot)
     */
    public synchronized void setCableResistance(Double ohm) {
        if (tethered) {
            throw new IllegalStateException("tethered model: the cable is fixed and has no proximity pilot");
        }
        if (ohm != null && !(ohm > 0.0 && Double.isFinite(ohm))) {
            throw new IllegalArgumentException("cable resistance must be a finite number above 0, was " + ohm);
        }
        cableOhm = ohm;
    }

    /** Sets the enclosure temperature, °C (D7 overrides what the sensor sees while active). */
    public synchronized void setTemperature(double celsius) {
        if (!Double.isFinite(celsius)) {
            throw new IllegalArgumentException("temperature must be a finite number, was " + celsius);
        }
        temperatureC = celsius;
    }

    /** The resistor the PP input sees, ohms, or null when open (no cable, tethered model). */
    public synchronized Double proximityResistanceOhm() {
        if (tethered) {
            return null;
        }
        return faults.containsKey(SimFault.V5) ? Double.valueOf(INVALID_CABLE_OHM) : cableOhm;
    }

    /** The temperature the enclosure NTC sees, °C. */
    public synchronized double sensorTemperatureC() {
        return faults.containsKey(SimFault.D7) ? Math.max(OVERHEAT_C, temperatureC) : temperatureC;
    }

    /** What the lock's position switch says: true when the plug is locked (always false on tethered models). */
    public synchronized boolean lockFeedback() {
        return lockFeedback;
    }

    /** Whether the RDC-DD trips now. */
    public synchronized boolean rcdTripped() {
        return rcdTripped;
    }

    /** Whether the earth monitor sees the protective earth. */
    public synchronized boolean earthPresent() {
        return !faults.containsKey(SimFault.I1);
    }

    /** Whether the mains monitor sees phase and neutral swapped. */
    public synchronized boolean phaseNeutralReversed() {
        return faults.containsKey(SimFault.I2);
    }

    /** Whether the pilot front end's MCP3208 answers (false under D3). */
    public synchronized boolean pilotAdcAnswering() {
        return !faults.containsKey(SimFault.D3);
    }

    /** Whether {@code fault} is active. */
    public synchronized boolean faultActive(SimFault fault) {
        return faults.containsKey(fault);
    }

    private void updateS2() {
        boolean nonCompliant = faults.containsKey(SimFault.V3);
        boolean wants = plugged && (nonCompliant || intent == Intent.CHARGE || intent == Intent.PAUSE
                || intent == Intent.VENTILATION);
        if (!wants) {
            s2Closed = false;
        } else if (!s2Closed && (offeredA > 0.0 || nonCompliant)) {
            // The EV closes S2 in answer to a PWM offer; once closed it stays closed while it wants to
            // charge, even if the EVSE withdraws the offer (it then draws nothing). V3: a non-compliant EV
            // closes it without waiting for any offer.
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
        if ("short".equals(faults.get(SimFault.V4))) {
            // Pilot shorted to PE: 0 V whatever the generator drives (state E).
            pilotPositiveV = 0.0;
            pilotNegativeV = 0.0;
        } else if (drive.steadyLow()) {
            pilotPositiveV = -12.0;
            pilotNegativeV = -12.0;
        } else if (drive.steadyHigh()) {
            pilotPositiveV = evPlateauV();
            pilotNegativeV = evPlateauV();
        } else {
            pilotPositiveV = evPlateauV();
            // The EV's diode blocks the negative half-wave: the generator's −12 V. Without it (V4) the EV's
            // resistors load the negative half-wave as they load the positive one.
            pilotNegativeV = plugged && "diode".equals(faults.get(SimFault.V4)) ? -evPlateauV() : -12.0;
        }
    }

    private void recomputeDraw() {
        double perPhase = 0.0;
        // V3: a non-compliant EV ignores the PWM: it draws its own maximum whenever the contactor is closed,
        // also after the EVSE has withdrawn its offer to stop the charge (IEC 61851-1 asks it to stop).
        boolean ignoresPwm = faults.containsKey(SimFault.V3);
        double offer = evResponseDelayS > 0 ? followedOfferA : offeredA;
        boolean drawing = plugged && s2Closed && feedback && (offer > 0.0 || ignoresPwm)
                && intent != Intent.PAUSE && !drive.steadyLow() && !"short".equals(faults.get(SimFault.V4));
        if (drawing) {
            perPhase = ignoresPwm ? evMaxCurrentA
                    : faults.containsKey(SimFault.V1) ? offer * OVERLOAD_FACTOR : Math.min(offer, evMaxCurrentA);
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
        if (drive.steadyLow() && !"short".equals(faults.get(SimFault.V4))) {
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
                mainsV.clone(), mainsPhases, timeS, activeFaults(), tethered, tethered ? null : cableOhm,
                proximityResistanceOhm(), sensorTemperatureC(), temperatureC,
                new WorldState.Lock(!tethered, lockCommand, lockFeedback),
                new WorldState.Rcd(rcdTestCurrent, rcdTripped), earthPresent(), phaseNeutralReversed(),
                pilotAdcAnswering(), site());
    }

    private WorldState.Site site() {
        double[] w = gridPowersW();
        return new WorldState.Site(houseW.clone(), pvW, w, gridCurrentsA(), w[0] + w[1] + w[2], gridImportWh,
                gridExportWh);
    }

    private List<WorldState.ActiveFault> activeFaults() {
        return faults.entrySet().stream()
                .map(e -> new WorldState.ActiveFault(e.getKey().name(), e.getValue(), e.getKey().cause(e.getValue())))
                .toList();
    }
}
