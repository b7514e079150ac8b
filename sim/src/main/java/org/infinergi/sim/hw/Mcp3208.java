package org.infinergi.sim.hw;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import java.util.function.LongToIntFunction;

/**
 * A simulated Microchip MCP3208: 12-bit successive-approximation ADC, 8 single-ended inputs (or 4
 * pseudo-differential pairs), SPI modes 0,0 and 1,1. The chip is modelled bit by bit as in datasheet
 * DS21298 §5–6 (figure 6-1): after chip select the chip ignores MOSI until the first 1 (start bit), then
 * clocks in SGL/DIFF, D2, D1, D0; one clock of sampling follows (DOUT still high-Z), then a low null bit,
 * then B11..B0 MSB first; if the master keeps clocking, the chip repeats B1..B11 LSB first, then zeros.
 * A high-Z DOUT reads 1 here (a pull-up on MISO, as on our board), so a missing chip answers all ones and
 * its null bit is 1 — which is how a driver detects it.
 */
public final class Mcp3208 {

    /** Number of input channels. */
    public static final int CHANNELS = 8;
    /** Highest conversion result (12 bits). */
    public static final int MAX_COUNTS = 4095;

    private final AtomicIntegerArray counts = new AtomicIntegerArray(CHANNELS);
    /** Time-varying inputs (an AC waveform): counts at a {@link #clock} time, instead of a fixed value. */
    private final AtomicReferenceArray<LongToIntFunction> signals = new AtomicReferenceArray<>(CHANNELS);
    private volatile LongSupplier clock = System::nanoTime;
    private volatile boolean absent;

    /**
     * Puts a waveform on {@code channel}: each conversion samples it at the moment it happens ({@link #setClock}
     * nanoseconds), as the chip samples an AC input (a CT's burden voltage, a mains voltage divider). Replaces a
     * fixed value until {@link #setCounts} or {@code null}.
     *
     * @param countsAtNanos counts (clamped to 0..4095) at a time in nanoseconds; null removes the waveform
     * @since 1.3.0
     */
    public void setSignal(int channel, LongToIntFunction countsAtNanos) {
        signals.set(channel, countsAtNanos);
    }

    /**
     * Puts a sine wave on {@code channel} through the board's AC front end, scaled as the driver reads it back
     * ({@code instantaneous value = counts · gain + offset}): {@code √2 · rms · sin(2π · frequencyHz · t + phaseRad)}.
     * A negative {@code rms} is the same wave inverted (a current flowing against a CT's arrow).
     *
     * @since 1.3.0
     */
    public void setSine(int channel, double rms, double phaseRad, double frequencyHz, double gain, double offset) {
        double peak = Math.sqrt(2.0) * rms;
        double omega = 2.0 * Math.PI * frequencyHz;
        setSignal(channel, nanos -> (int) Math.round(
                (peak * Math.sin(omega * (nanos % 1_000_000_000_000L) / 1e9 + phaseRad) - offset) / gain));
    }

    /** The time base conversions sample waveforms at, nanoseconds ({@code System::nanoTime} unless set). @since 1.3.0 */
    public void setClock(LongSupplier nanos) {
        this.clock = nanos;
    }

    /** Sets the conversion result of {@code channel} directly, clamped to 0..4095. */
    public void setCounts(int channel, int value) {
        signals.set(channel, null);
        counts.set(channel, Math.max(0, Math.min(MAX_COUNTS, value)));
    }

    /**
     * Puts {@code volts} (a quantity in the board's units: pilot volts, mains volts, amperes) on
     * {@code channel} as the board's front end would, given the linear scaling the driver applies when
     * reading back ({@code value = counts · gain + offset}).
     */
    public void setValue(int channel, double value, double gain, double offset) {
        setCounts(channel, (int) Math.round((value - offset) / gain));
    }

    /** The conversion result currently on {@code channel}. */
    public int counts(int channel) {
        return counts.get(channel);
    }

    /** Simulates a missing or dead chip: MISO floats high (all ones). */
    public void setAbsent(boolean absent) {
        this.absent = absent;
    }

    /**
     * One chip-select-low period: returns the MISO bytes the chip clocks out while {@code mosi} is
     * clocked in (full duplex, MSB first).
     */
    public byte[] exchange(byte[] mosi) {
        byte[] miso = new byte[mosi.length];
        if (absent) {
            java.util.Arrays.fill(miso, (byte) 0xFF);
            return miso;
        }
        // Phases: -1 waiting for start bit; 0..3 config bits; 4 sample; 5 null; 6..17 B11..B0;
        // 18..28 B1..B11 (LSB first); beyond: zeros.
        int phase = -1;
        int config = 0;
        int result = 0;
        int totalBits = mosi.length * 8;
        for (int i = 0; i < totalBits; i++) {
            int in = (mosi[i / 8] >> (7 - i % 8)) & 1;
            int out;
            if (phase < 0) {
                out = 1; // high-Z
                if (in == 1) {
                    phase = 0;
                }
            } else if (phase < 4) {
                out = 1;
                config = (config << 1) | in;
                phase++;
                if (phase == 4) {
                    result = convert(config);
                }
            } else if (phase == 4) {
                out = 1; // sample period, DOUT still high-Z
                phase++;
            } else if (phase == 5) {
                out = 0; // null bit
                phase++;
            } else if (phase < 18) {
                out = (result >> (11 - (phase - 6))) & 1;
                phase++;
            } else if (phase < 29) {
                out = (result >> (phase - 17)) & 1; // B1..B11
                phase++;
            } else {
                out = 0;
            }
            if (out == 1) {
                miso[i / 8] |= (byte) (1 << (7 - i % 8));
            }
        }
        return miso;
    }

    private int convert(int config) {
        boolean single = (config & 0b1000) != 0;
        int d = config & 0b111;
        if (single) {
            return input(d);
        }
        // Pseudo-differential (datasheet table 5-2): D2..D0 = pair and polarity, IN+ − IN−, clipped at 0.
        int pair = d >> 1;
        int plus = pair * 2 + (d & 1);
        int minus = pair * 2 + 1 - (d & 1);
        return Math.max(0, input(plus) - input(minus));
    }

    private int input(int channel) {
        LongToIntFunction signal = signals.get(channel);
        if (signal == null) {
            return counts.get(channel);
        }
        return Math.max(0, Math.min(MAX_COUNTS, signal.applyAsInt(clock.getAsLong())));
    }
}
