package org.infinergi.driver.modbusmeters.bus;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a meter model keeps its measurements.
 *
 * @param model        the name configured as {@code model} (upper case, e.g. {@code SDM72D})
 * @param source       what the meter is to the charger: {@code MID} (a MID meter, manual §4.7) or {@code CT_REMOTE}
 *                     (the CT remote device, §4.6); becomes the Meter's {@code infinergi.meter.source}
 * @param phases       1 or 3: the length of the reading's voltage and current arrays
 * @param function     the Modbus read function for every field
 * @param wordOrder    order of the two registers of 32-bit values
 * @param maxRegisters most registers one request may read (some meters refuse long reads: the bus splits)
 * @param fields       the quantities; {@link Quantity#POWER} and {@link Quantity#IMPORT_ENERGY} are required,
 *                     a missing voltage or current reads NaN (e.g. the SDM72D-M v1 has no per-phase values)
 */
public record RegisterMap(String model, Source source, int phases, Function function, WordOrder wordOrder,
        int maxRegisters, List<Field> fields) {

    /** The Modbus read functions meters answer. */
    public enum Function {
        /** Function 03. */
        READ_HOLDING_REGISTERS,
        /** Function 04. */
        READ_INPUT_REGISTERS
    }

    /** Order of the two 16-bit words of a 32-bit value. */
    public enum WordOrder {
        /** Most significant word first (big-endian; Eastron, LUMEL, IVY). */
        HIGH_FIRST,
        /** Least significant word first (Carlo Gavazzi). */
        LOW_FIRST
    }

    /** Values of the Meter service property {@code infinergi.meter.source} a Modbus device can have. */
    public enum Source {
        /** An external MID-certified meter on RS485 (manual §4.7, error D9). */
        MID,
        /**
         * The CT remote device (manual §4.6, radio link, error D2); {@code CT} before 2.0.0, a name the wired CTs on
         * the board's analog inputs now carry.
         */
        CT_REMOTE
    }

    public RegisterMap {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must not be empty");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(wordOrder, "wordOrder");
        if (phases != 1 && phases != 3) {
            throw new IllegalArgumentException(model + ": phases must be 1 or 3, was " + phases);
        }
        if (maxRegisters < 2 || maxRegisters > 125) {
            throw new IllegalArgumentException(model + ": maxRegisters must be 2..125 (Modbus limit), was " + maxRegisters);
        }
        fields = List.copyOf(fields);
        Set<Quantity> seen = EnumSet.noneOf(Quantity.class);
        for (Field f : fields) {
            if (!seen.add(f.quantity())) {
                throw new IllegalArgumentException(model + ": " + f.quantity() + " mapped twice");
            }
            if (f.quantity().phase() >= phases) {
                throw new IllegalArgumentException(model + ": " + f.quantity() + " on a " + phases + "-phase meter");
            }
        }
        for (Quantity required : List.of(Quantity.POWER, Quantity.IMPORT_ENERGY)) {
            if (!seen.contains(required)) {
                throw new IllegalArgumentException(model + ": " + required + " is required");
            }
        }
        for (Field a : fields) {
            for (Field b : fields) {
                if (a != b && a.address() < b.end() && b.address() < a.end()) {
                    throw new IllegalArgumentException(model + ": " + a.quantity() + " and " + b.quantity() + " overlap");
                }
            }
        }
    }
}
