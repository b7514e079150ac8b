package org.infinergi.driver.modbusmeters.bus.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;

import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.infinergi.driver.modbusmeters.eastron.internal.Sdm72dModel;

/**
 * bench/meters.sh: the poll cycle of a three-phase meter (SDM72D-M, its vendor bundle's map: V, I of three phases,
 * power, energy — 3 requests) over RTU at 9600 baud 8N1 on a paced serial line and over Modbus TCP on loopback,
 * polled back to back; then the CPU the bus's line threads use while polling two meters every second. Prints
 * key=value lines. Not a test: run by hand.
 */
public final class MetersBench {

    private MetersBench() {
    }

    public static void main(String[] args) throws Exception {
        int polls = Integer.parseInt(System.getProperty("polls", "200"));
        int cpuSeconds = Integer.parseInt(System.getProperty("cpuSeconds", "30"));
        RegisterMap map = new Sdm72dModel().registerMap();
        System.out.println("meter=" + map.model());
        System.out.println("requests_per_poll=" + ReadPlan.of(map).blocks().size());
        try (PacedLine line = new PacedLine(9600, 10)) {
            ModbusSlave slave = serialSlave(line.meterPort());
            try {
                cycle("rtu9600", J2modLink.open(Endpoint.serial(line.busPort(), 9600, "NONE", 1)), map, polls / 4);
            } finally {
                ModbusSlaveFactory.close(slave);
            }
        }
        try (LoopbackSlave tcp = new LoopbackSlave(0x60, false)) {
            tcp.setFloat(0x48, 1f);
            cycle("tcp", J2modLink.open(tcp.endpoint()), map, polls);
        }
        cpu(map, cpuSeconds);
    }

    private static ModbusSlave serialSlave(String port) throws Exception {
        SerialParameters p = J2modLink.parameters(Endpoint.serial(port, 9600, "NONE", 1));
        ModbusSlave slave = ModbusSlaveFactory.createSerialSlave(p);
        SimpleProcessImage image = new SimpleProcessImage(1);
        for (int i = 0; i < 0x60; i++) {
            image.addInputRegister(new SimpleInputRegister(0));
            image.addRegister(new SimpleRegister(0));
        }
        int[] one = Registers.float32(1f, RegisterMap.WordOrder.HIGH_FIRST);
        ((SimpleInputRegister) image.getInputRegister(0x48)).setValue(one[0]);
        ((SimpleInputRegister) image.getInputRegister(0x49)).setValue(one[1]);
        slave.addProcessImage(1, image);
        slave.open();
        return slave;
    }

    /** Polls back to back: complete readings per second and the time of one poll. */
    private static void cycle(String key, ModbusLink link, RegisterMap map, int polls) {
        MeterPoller p = new MeterPoller(key, map, 1, 1000, 1, 3000, Clock.systemUTC(), true);
        try {
            for (int i = 0; i < 5; i++) {
                p.poll(link); // warm up: connection, JIT
            }
            long[] ms = new long[polls];
            int good = 0;
            long start = System.nanoTime();
            for (int i = 0; i < polls; i++) {
                long t = System.nanoTime();
                good += p.poll(link) ? 1 : 0;
                ms[i] = System.nanoTime() - t;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%s_reads_per_s=%.1f%n%s_poll_p50_ms=%.2f%n%s_poll_p99_ms=%.2f%n"
                    + "%s_good_polls=%d/%d%n", key, good / seconds, key, ms[polls / 2] / 1e6, key,
                    ms[Math.min(polls - 1, (int) Math.ceil(polls * 0.99) - 1)] / 1e6, key, good, polls);
        } finally {
            link.close();
        }
    }

    /** Two meters on two lines, every second: CPU of the bus's line threads over wall time, % of one core. */
    private static void cpu(RegisterMap map, int seconds) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<LoopbackSlave> slaves = List.of(new LoopbackSlave(0x60, true), new LoopbackSlave(0x60, true));
        Buses buses = new Buses(J2modLink::open);
        List<AutoCloseable> jobs = new ArrayList<>();
        try {
            for (LoopbackSlave s : slaves) {
                s.setFloat(0x48, 1f);
                jobs.add(buses.attach(s.endpoint(), new MeterPoller("cpu", map, 1, 500, 1, 3000, Clock.systemUTC(),
                        true), 1000));
            }
            Thread.sleep(2000); // lines open, first polls done
            long cpu0 = busCpu(threads);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu = busCpu(threads) - cpu0;
            double pct = 100.0 * cpu / (System.nanoTime() - t0);
            System.out.printf(Locale.ROOT, "bus_cpu_pct_one_core_two_meters_1s=%.3f%nbus_cpu_window_s=%d%n", pct,
                    seconds);
        } finally {
            for (AutoCloseable j : jobs) {
                j.close();
            }
            buses.close();
            slaves.forEach(LoopbackSlave::close);
        }
    }

    private static long busCpu(ThreadMXBean threads) {
        long sum = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("infinergi-modbus ")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }
}
