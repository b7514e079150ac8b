package org.infinergi.core.charging.api;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The phases the car uses, as the features that share the supply with it (DLM, Green) judge them from the charger's
 * own meter. IEC 61851-1 basic signalling does not tell the charger how many phases a car draws on (a single-phase
 * car on a three-phase charger is common): the charger learns it from its meter once the car draws. Phases are
 * numbered from 0 (L1).
 *
 * <p>Pure functions over {@link ElectricalReading}s, no state: the caller remembers what it has seen.
 *
 * @since 1.10.0
 */
public final class CarPhases {

    /** A phase of the charger carrying at least this is one the car draws on (not a meter's noise). */
    public static final double DRAWING_A = 1.0;

    private CarPhases() {
    }

    /**
     * The phases the car uses: those it draws on now; when it draws nothing (paused, not yet started) those it drew
     * on last ({@code remembered}); never seen (empty), every phase of the supply.
     *
     * @param charger      the vehicle meter in use; null when there is none
     * @param remembered   the phases the caller saw the car draw on last, empty when never
     * @param supplyPhases the supply's phases, {@link #supply}
     */
    public static List<Integer> inUse(ElectricalReading charger, List<Integer> remembered, int supplyPhases) {
        List<Integer> drawing = drawing(charger);
        if (!drawing.isEmpty()) {
            return drawing;
        }
        if (!remembered.isEmpty()) {
            return remembered;
        }
        return IntStream.range(0, Math.max(1, supplyPhases)).boxed().collect(Collectors.toList());
    }

    /** The charger's phases carrying at least {@value #DRAWING_A} A now; empty without a fresh reading. */
    public static List<Integer> drawing(ElectricalReading charger) {
        List<Integer> out = new ArrayList<>();
        if (charger != null && charger.fresh()) {
            for (int p = 0; p < charger.phases().size(); p++) {
                if (charger.phases().get(p).currentA() >= DRAWING_A) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** The supply's phase count: the charger's own meter knows the model's, else the grid meter's. */
    public static int supply(ElectricalReading grid, ElectricalReading charger) {
        if (charger != null && charger.fresh() && !charger.phases().isEmpty()) {
            return charger.phases().size();
        }
        return grid.phases().size();
    }
}
