package org.infinergi.sim.internal.modbus;

import java.util.function.Supplier;

import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

/**
 * A j2mod process image whose input registers are computed from the world at each request (function 04 only, as
 * the meters answer it; anything outside the layout is "illegal data address", as on the devices).
 *
 * <p>Silent (the D9/D2 cause): a request gets no answer — the connection is dropped without a reply, which the
 * master sees as no answer; it can reconnect, and again nothing answers until the device speaks again. (j2mod's slave
 * has no "do not answer" for TCP; ending the request with an end-of-stream {@link ModbusIOException} makes its
 * connection handler close the connection quietly.)
 */
final class LiveImage extends SimpleProcessImage {

    private final Supplier<int[]> registers;
    private final boolean holding;
    private volatile boolean silent;

    LiveImage(int unitId, Supplier<int[]> registers) {
        this(unitId, registers, false);
    }

    /** {@code holding}: the registers answer function 03 (IVY), not 04. */
    LiveImage(int unitId, Supplier<int[]> registers, boolean holding) {
        super(unitId);
        this.registers = registers;
        this.holding = holding;
    }

    void setSilent(boolean silent) {
        this.silent = silent;
    }

    boolean silent() {
        return silent;
    }

    @Override
    public InputRegister[] getInputRegisterRange(int ref, int count) {
        if (holding) {
            throw new IllegalAddressException();
        }
        return words(ref, count);
    }

    @Override
    public Register[] getRegisterRange(int ref, int count) {
        if (!holding) {
            throw new IllegalAddressException();
        }
        InputRegister[] in = words(ref, count);
        Register[] out = new Register[count];
        for (int k = 0; k < count; k++) {
            out[k] = new SimpleRegister(in[k].getValue());
        }
        return out;
    }

    @Override
    public Register getRegister(int ref) {
        return getRegisterRange(ref, 1)[0];
    }

    @Override
    public int getRegisterCount() {
        return holding ? registers.get().length : 0;
    }

    private InputRegister[] words(int ref, int count) {
        if (silent) {
            throw LiveImage.<RuntimeException>sneaky(new ModbusIOException(true));
        }
        int[] words = registers.get();
        if (ref < 0 || count < 1 || ref + count > words.length) {
            throw new IllegalAddressException();
        }
        InputRegister[] out = new InputRegister[count];
        for (int k = 0; k < count; k++) {
            out[k] = new SimpleInputRegister(words[ref + k]);
        }
        return out;
    }

    @Override
    public InputRegister getInputRegister(int ref) {
        return getInputRegisterRange(ref, 1)[0];
    }

    @Override
    public int getInputRegisterCount() {
        return registers.get().length;
    }

    /** Throws a checked exception through a method that declares none (see the class comment). */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
