package org.infinergi.driver.modbusmeters.bus.internal;

import com.ghgande.j2mod.modbus.ModbusException;

import org.infinergi.driver.modbusmeters.bus.RegisterMap.Function;

/**
 * One Modbus line (a serial port, or a TCP connection to a meter or gateway), used by one thread at a time: the
 * bus's. Opens itself when needed, so a line that was down is retried at the next request.
 */
interface ModbusLink extends AutoCloseable {

    /**
     * Reads {@code count} registers of unit {@code unitId}.
     *
     * @param attempts  tries before giving up (1 = no retry)
     * @return the registers as unsigned 16-bit values, exactly {@code count} of them
     * @throws ModbusException no answer in time (after every attempt), an exception response, or an answer that is
     *                         not the one asked for (other unit, wrong register count)
     */
    int[] read(int unitId, Function function, int address, int count, int timeoutMs, int attempts) throws ModbusException;

    /** Closes the line; a later read reopens it. */
    @Override
    void close();
}
