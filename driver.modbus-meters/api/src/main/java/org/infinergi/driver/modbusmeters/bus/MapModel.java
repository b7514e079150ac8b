package org.infinergi.driver.modbusmeters.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link MeterModel} whose register map is data: a map file (Java properties) in the vendor bundle, next to the
 * model's class, so that a map can be corrected from the manufacturer's document without a code change. Keys:
 * <pre>
 * model = EM340                 # as printed on the meter
 * source = MID                  # MID or CT_REMOTE
 * phases = 3                    # 1 or 3
 * function = 04                 # 03 (holding) or 04 (input registers)
 * wordOrder = LOW_FIRST         # HIGH_FIRST or LOW_FIRST
 * maxRegisters = 50             # longest read the meter accepts
 * slaveId = 1                   # factory serial settings (SerialDefaults)
 * baud = 9600
 * parity = NONE
 * stopBits = 1
 * startupGraceS = 0             # seconds after power-up the meter may not answer (IVY: 60, manual §9.1 note 5)
 * VOLTAGE_L1 = 0x0000 INT32 0.1 # a Quantity = address encoding scale
 * </pre>
 * A vendor bundle's model is a subclass that names its file, registered as a DS component with
 * {@link MeterModel#NAME} = the model.
 */
@ConsumerType
public abstract class MapModel implements MeterModel {

    private final RegisterMap map;
    private final SerialDefaults serial;
    private final long startupGraceMs;

    /** Reads {@code resource}, relative to the subclass, at construction; a wrong file is an exception naming it. */
    protected MapModel(String resource) {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("map file " + resource + " not found beside " + getClass().getName());
            }
            Properties p = parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.map = map(resource, p);
            this.serial = new SerialDefaults(integer(p, "slaveId", 1), integer(p, "baud", 9600),
                    p.getProperty("parity", "NONE").trim().toUpperCase(Locale.ROOT), integer(p, "stopBits", 1));
            this.startupGraceMs = integer(p, "startupGraceS", 0) * 1000L;
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("map file " + resource + ": " + e.getMessage(), e);
        }
    }

    private static Properties parse(Reader r) throws IOException {
        Properties p = new Properties();
        p.load(r);
        return p;
    }

    private static RegisterMap map(String resource, Properties p) {
        List<Field> fields = new ArrayList<>();
        for (Quantity q : Quantity.values()) {
            String spec = p.getProperty(q.name());
            if (spec != null) {
                String[] parts = spec.trim().split("\\s+");
                if (parts.length != 3) {
                    throw new IllegalArgumentException(q + " must be 'address encoding scale', was '" + spec + "'");
                }
                fields.add(new Field(q, Integer.decode(parts[0]), Encoding.valueOf(parts[1]),
                        Double.parseDouble(parts[2])));
            }
        }
        RegisterMap.Function function = switch (p.getProperty("function", "").trim()) {
            case "03" -> RegisterMap.Function.READ_HOLDING_REGISTERS;
            case "04" -> RegisterMap.Function.READ_INPUT_REGISTERS;
            default -> throw new IllegalArgumentException("function must be 03 or 04");
        };
        return new RegisterMap(p.getProperty("model", "").trim(), RegisterMap.Source.valueOf(p.getProperty("source",
                "MID").trim()), integer(p, "phases", 0), function, RegisterMap.WordOrder.valueOf(
                        p.getProperty("wordOrder", "").trim()), integer(p, "maxRegisters", 0), fields);
    }

    private static int integer(Properties p, String key, int otherwise) {
        String v = p.getProperty(key);
        return v == null ? otherwise : Integer.decode(v.trim());
    }

    @Override
    public final RegisterMap registerMap() {
        return map;
    }

    @Override
    public final SerialDefaults serialDefaults() {
        return serial;
    }

    @Override
    public final long startupGraceMs() {
        return startupGraceMs;
    }
}
