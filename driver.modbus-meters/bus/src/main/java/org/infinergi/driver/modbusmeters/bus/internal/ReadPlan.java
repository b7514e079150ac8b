package org.infinergi.driver.modbusmeters.bus.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.infinergi.driver.modbusmeters.bus.Field;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;

/**
 * The requests one poll of a meter makes: its fields sorted by address, adjacent ones merged into one read of at
 * most {@link RegisterMap#maxRegisters()} registers. Only adjacent fields are merged: reading across a gap asks
 * for registers the meter may not have, and some answer that with an exception (illegal data address).
 */
record ReadPlan(List<Block> blocks) {

    /** One read request: registers {@code address .. address+count-1} holding {@code fields}. */
    record Block(int address, int count, List<Field> fields) {
    }

    static ReadPlan of(RegisterMap map) {
        List<Field> sorted = new ArrayList<>(map.fields());
        sorted.sort(Comparator.comparingInt(Field::address));
        List<Block> blocks = new ArrayList<>();
        List<Field> current = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (Field f : sorted) {
            if (!current.isEmpty() && (f.address() != end || f.end() - start > map.maxRegisters())) {
                blocks.add(new Block(start, end - start, List.copyOf(current)));
                current.clear();
            }
            if (current.isEmpty()) {
                start = f.address();
            }
            current.add(f);
            end = f.end();
        }
        if (!current.isEmpty()) {
            blocks.add(new Block(start, end - start, List.copyOf(current)));
        }
        return new ReadPlan(List.copyOf(blocks));
    }
}
