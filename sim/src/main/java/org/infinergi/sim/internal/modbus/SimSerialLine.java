package org.infinergi.sim.internal.modbus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.net.AbstractSerialConnection;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;

/**
 * A simulated meter on a serial line: socat links two pseudo-terminals, the firmware opens {@code link} as its RS485
 * port (configuration key {@code port}) and a j2mod RTU slave answers on {@code link}.meter with the meter's serial
 * settings — RTU framing with CRC, as on the board. socat is installed by test.sh when missing.
 */
final class SimSerialLine implements AutoCloseable {

    private final Path link;
    private final Path meterEnd;
    private Process socat;
    private ModbusSlave slave;

    SimSerialLine(String link) {
        this.link = Path.of(link);
        this.meterEnd = Path.of(link + ".meter");
    }

    /** Links the pair and serves {@code image} as unit {@code unitId}; waits at most 5 s for socat. */
    synchronized void open(ProcessImage image, int unitId, int baud, String parity, int stopBits)
            throws IOException, ModbusException, InterruptedException {
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + link, "pty,raw,echo=0,link=" + meterEnd)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(link) && Files.exists(meterEnd))) {
            if (System.nanoTime() > until || !socat.isAlive()) {
                close();
                throw new IOException("socat did not link " + link + " (is socat installed?)");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        SerialParameters p = new SerialParameters();
        p.setPortName(meterEnd.toString());
        p.setBaudRate(baud);
        p.setDatabits(8);
        p.setParity(switch (parity) {
            case "EVEN" -> AbstractSerialConnection.EVEN_PARITY;
            case "ODD" -> AbstractSerialConnection.ODD_PARITY;
            default -> AbstractSerialConnection.NO_PARITY;
        });
        p.setStopbits(stopBits == 2 ? AbstractSerialConnection.TWO_STOP_BITS : AbstractSerialConnection.ONE_STOP_BIT);
        p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        p.setEcho(false);
        ModbusSlave s = ModbusSlaveFactory.createSerialSlave(p);
        s.addProcessImage(unitId, image);
        try {
            s.open();
        } catch (ModbusException e) {
            ModbusSlaveFactory.close(s);
            close();
            throw e;
        }
        slave = s;
    }

    String link() {
        return link.toString();
    }

    synchronized boolean serving() {
        return slave != null;
    }

    @Override
    public synchronized void close() {
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
            slave = null;
        }
        if (socat != null) {
            socat.destroy();
            socat = null;
        }
    }
}
