package org.infinergi.feature.web.internal;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Metatype definitions as the Metatype service hands them out, for tests: attributes with a default, a range (checked
 * by {@code validate} as Felix Metatype does: "" when valid, a message key when not) and options.
 */
final class FakeMetatype {

    private FakeMetatype() {
    }

    static AttributeDefinition ad(String id, int type, String name, String dflt, Integer min, Integer max,
            String... options) {
        return ad(id, type, 0, name, dflt == null ? null : new String[] {dflt}, min, max, options);
    }

    static AttributeDefinition list(String id, String name, int cardinality) {
        return ad(id, AttributeDefinition.STRING, cardinality, name, new String[0], null, null);
    }

    private static AttributeDefinition ad(String id, int type, int cardinality, String name, String[] dflt,
            Integer min, Integer max, String... options) {
        return new AttributeDefinition() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public String getID() {
                return id;
            }

            @Override
            public String getDescription() {
                return name + " (manual)";
            }

            @Override
            public int getCardinality() {
                return cardinality;
            }

            @Override
            public int getType() {
                return type;
            }

            @Override
            public String[] getOptionValues() {
                return options.length == 0 ? null : options;
            }

            @Override
            public String[] getOptionLabels() {
                return options.length == 0 ? null : options;
            }

            @Override
            public String validate(String value) {
                if (type != AttributeDefinition.INTEGER) {
                    // Felix Metatype: an attribute is required unless declared otherwise
                    return value.isEmpty() ? "%missing required value" : "";
                }
                long v;
                try {
                    v = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return "%invalid value";
                }
                if (min != null && v < min) {
                    return "%less than minimum";
                }
                if (max != null && v > max) {
                    return "%greater than maximum";
                }
                return "";
            }

            @Override
            public String[] getDefaultValue() {
                return dflt;
            }
        };
    }

    static ObjectClassDefinition ocd(String name, AttributeDefinition... ads) {
        return new ObjectClassDefinition() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public String getID() {
                return name;
            }

            @Override
            public String getDescription() {
                return name;
            }

            @Override
            public AttributeDefinition[] getAttributeDefinitions(int filter) {
                return ads;
            }

            @Override
            public InputStream getIcon(int size) {
                return null;
            }
        };
    }

    /**
     * The owners of the full 3T-DR model, their attributes as their annotations declare them (core.charging's
     * InstallationConfig, ChargingConfig, MeteringConfig, SystemConfig; feature.dlm, feature.green, feature.schedule,
     * feature.ocpp), the program P1 standing for the six.
     */
    static Map<String, ObjectClassDefinition> fullModel() {
        Map<String, ObjectClassDefinition> m = new LinkedHashMap<>();
        int i = AttributeDefinition.INTEGER;
        int b = AttributeDefinition.BOOLEAN;
        int s = AttributeDefinition.STRING;
        m.put("org.infinergi.installation", ocd("Installation (manual §7.1.1)",
                ad("chargingEnabled", b, "Charging enabled", "true", null, null),
                ad("wiringLimitA", i, "Wiring limit (A)", "6", 6, 32),
                ad("earthing", s, "Earthing arrangement", "TN_TT", null, null, "TN_TT", "IT"),
                ad("installationComplete", b, "Installation complete", "false", null, null)));
        m.put("org.infinergi.charging", ocd("Charging (manual §7.2.1)",
                ad("activeMode", s, "Active mode", "FAST", null, null, "FAST", "GREEN", "PROGRAMMED", "OCPP"),
                ad("maxChargeRateA", i, "Maximum charge rate (A)", "32", 6, 32)));
        m.put("org.infinergi.dlm", ocd("DLM", ad("maxGridImportW", i, "Maximum import from the grid", "0", 0, null),
                ad("headroomPct", AttributeDefinition.DOUBLE, "Headroom below the limits", "2.0", null, null)));
        m.put("org.infinergi.green", ocd("Green", ad("minGreenLevelPct", i, "Minimum green level", "100", 0, 100),
                ad("minExportedW", i, "Minimum exported power", "0", 0, null),
                ad("boostEnergyWh", i, "Boost energy", "10000", 0, null),
                ad("smoothingS", i, "Smoothing", "30", 0, 600)));
        m.put("org.infinergi.metering", ocd("Energy meters (manual §5.2)",
                ad("vehicleMeter", s, "Vehicle meter", "INTERNAL", null, null, "INTERNAL", "MID"),
                ad("gridMeter", s, "Grid meter", "NONE", null, null, "NONE", "CT", "CT_REMOTE", "MODBUS")));
        m.put("org.infinergi.schedule", ocd("Programmed", list("p1Days", "P1: days", 7),
                ad("p1Start", s, "P1: start time", "00:00", null, null),
                ad("p1PowerLimitW", i, "P1: limit on charging power", "0", 0, null)));
        m.put("org.infinergi.ocpp", ocd("OCPP", ad("url", s, "URL", "", null, null),
                ad("chargePointId", s, "Charge Point ID", "", null, null),
                ad("authorizationKey", AttributeDefinition.PASSWORD, "Authorization key", "", null, null)));
        m.put("org.infinergi.system", ocd("System (manual §7.2.2)",
                ad("timeZone", s, "Time zone", "Europe/Rome", null, null),
                ad("dateTime", s, "Date and time", "", null, null),
                ad("systemClockSynchronized", b, "System clock synchronized", "false", null, null)));
        m.put("org.infinergi.panel", ocd("Front panel", ad("buttonsSound", b, "Buttons sound", "true", null, null),
                ad("errorBuzzerS", i, "Error acoustic signal", "10", 0, 600)));
        return m;
    }

    /** The same without the given PIDs' bundles. */
    static Map<String, ObjectClassDefinition> without(List<String> pids) {
        Map<String, ObjectClassDefinition> m = fullModel();
        pids.forEach(m::remove);
        return m;
    }
}
