package org.infinergi.core.charging.internal;

/**
 * The cable's current capacity from its proximity pilot resistor (IEC 61851-1 / IEC 62196-2, table in
 * shared/domain/iec61851.md): 13 A 1100–2460 Ω, 20 A 400–936 Ω, 32 A 164–308 Ω, 63 A (70 A single-phase)
 * 80–140 Ω. Between two ranges the lower rating; from 2460 Ω up to 4500 Ω 13 A and from 60 Ω to 80 Ω 63 A (the
 * nearest range); below 60 Ω, above 4500 Ω or unreadable the cable is invalid (manual §9.1 V5).
 */
final class CableCapacity {

    static final double MIN_VALID_OHM = 60;
    static final double MAX_VALID_OHM = 4500;

    private CableCapacity() {
    }

    /** The rating in amperes, or 0 when the resistance identifies no cable (V5). */
    static double ratingA(double ohm) {
        if (Double.isNaN(ohm) || ohm < MIN_VALID_OHM || ohm > MAX_VALID_OHM) {
            return 0;
        }
        if (ohm <= 140) {
            return 63;
        }
        if (ohm <= 308) {
            return 32; // 140–164 Ω lies between 63 A and 32 A: the lower, 32 A
        }
        if (ohm <= 936) {
            return 20; // 308–400 Ω: between 32 A and 20 A → 20 A
        }
        return 13; // 936–1100 Ω between 20 A and 13 A, and up to 4500 Ω
    }

    static boolean valid(double ohm) {
        return ratingA(ohm) > 0;
    }
}
