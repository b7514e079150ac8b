package org.infinergi.sim.hw;

import java.nio.charset.Charset;

import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBase;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProvider;

/** A pi4j {@link Spi} whose far end is a simulated chip: each transfer is one chip-select-low period. */
final class SimulatedSpi extends SpiBase implements Spi {

    private final Mcp3208 chip;

    SimulatedSpi(SpiProvider provider, SpiConfig config, Mcp3208 chip) {
        super(provider, config);
        this.chip = chip;
    }

    @Override
    public int transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int numberOfBytes) {
        byte[] frame = new byte[numberOfBytes];
        System.arraycopy(write, writeOffset, frame, 0, numberOfBytes);
        byte[] answer = chip.exchange(frame);
        System.arraycopy(answer, 0, read, readOffset, numberOfBytes);
        return numberOfBytes;
    }

    @Override
    public int write(byte b) {
        return write(new byte[] {b}, 0, 1);
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        return transfer(data, offset, new byte[length], 0, length);
    }

    @Override
    public int write(Charset charset, CharSequence data) {
        byte[] bytes = data.toString().getBytes(charset);
        return write(bytes, 0, bytes.length);
    }

    @Override
    public int read() {
        byte[] in = new byte[1];
        read(in, 0, 1);
        return in[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        return transfer(new byte[length], 0, buffer, offset, length);
    }
}
