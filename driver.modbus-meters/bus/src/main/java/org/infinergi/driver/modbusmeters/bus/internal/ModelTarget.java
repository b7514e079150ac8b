package org.infinergi.driver.modbusmeters.bus.internal;

import java.util.Locale;

import org.infinergi.driver.modbusmeters.bus.MeterModel;

/**
 * The DS target that binds a configured meter to its vendor's {@link MeterModel}: Felix SCR takes the filter of the
 * meter's reference {@value #REFERENCE} from the configuration property {@value #PROPERTY}, which
 * {@link ModbusMeterComponent} derives from the accepted configuration's {@code model}.
 */
final class ModelTarget {

    /** The name of the meter component's reference to its model. */
    static final String REFERENCE = "model";

    /** The configuration property SCR reads the reference's target from (DS 112.6, "target property"). */
    static final String PROPERTY = REFERENCE + ".target";

    /** The default target: matches no service (every service has an objectClass), so no model binds unchecked. */
    static final String NONE = "(!(objectClass=*))";

    private ModelTarget() {
    }

    /** {@code (infinergi.meter.model=SDM230)} for {@code sdm230}: the model names are upper case (manual §4.7). */
    static String of(String model) {
        String name = model == null ? "" : model.trim().toUpperCase(Locale.ROOT);
        if (name.isEmpty()) {
            return NONE;
        }
        return "(" + MeterModel.NAME + "=" + escape(name) + ")";
    }

    /** RFC 1960 escapes, so a name (or a PID) with {@code * ( ) \} stays one value rather than a wildcard. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
