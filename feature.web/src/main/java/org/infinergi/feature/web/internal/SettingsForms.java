package org.infinergi.feature.web.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The forms of a {@link SettingsSection} from the owners' Metatype (issue 18 "forms come from the components'
 * Metatype, ranges and messages from the same place as the firmware's own checks"): each key's label, description,
 * type, default, options and range are what the owner's {@code Config} annotation declares, as the runtime's
 * {@code MetaTypeService} describes it; a request is checked against the same declaration before anything is written,
 * with the owners' words ({@code must be 6..32 A}, {@code unknown value; allowed: TN_TT|IT}, as the core's
 * {@code ConfigParser} says them). The owner's own check still runs on what is written ({@link SettingsServlet}).
 */
final class SettingsForms {

    /** One key of a section the runtime describes. */
    record Field(String key, String pid, String group, AttributeDefinition ad) {
    }

    /** Why one field of a request was refused. */
    record FieldError(String field, String message) {
    }

    /** The range the Metatype declares for a whole number; null bounds are open. */
    record Range(Long min, Long max) {
    }

    /** A request refused as a whole: nothing is written. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final transient List<FieldError> errors;

        Refused(List<FieldError> errors) {
            super(errors.get(0).field() + ": " + errors.get(0).message());
            this.errors = List.copyOf(errors);
        }
    }

    private static final Pattern UNIT = Pattern.compile("\\(([^)]*)\\)\\s*$");

    private SettingsForms() {
    }

    /** The fields of {@code section} that the runtime describes, by key, in the manual's order. */
    static Map<String, Field> fields(SettingsSection section, Function<String, ObjectClassDefinition> ocds) {
        Map<String, Field> out = new LinkedHashMap<>();
        for (SettingsSection.Group g : section.groups()) {
            ObjectClassDefinition ocd = ocds.apply(g.pid());
            if (ocd == null) {
                continue; // the bundle that owns it is not installed on this model
            }
            Map<String, AttributeDefinition> declared = new LinkedHashMap<>();
            AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            for (AttributeDefinition ad : ads == null ? new AttributeDefinition[0] : ads) {
                declared.put(ad.getID(), ad);
            }
            List<String> keys = g.keys().isEmpty() ? List.copyOf(declared.keySet()) : g.keys();
            for (String key : keys) {
                AttributeDefinition ad = declared.get(key);
                if (ad != null && ad.getType() != AttributeDefinition.PASSWORD) {
                    out.put(key, new Field(key, g.pid(), g.id(), ad));
                }
            }
        }
        return out;
    }

    /**
     * The section as the pages draw it: its groups present in the runtime, each with its fields (key, label,
     * description, type, list, default, min, max, unit, options) and the value in force.
     *
     * @param values a PID's stored properties, null when it has none (the defaults apply)
     */
    static ObjectNode describe(ObjectMapper mapper, SettingsSection section,
            Function<String, ObjectClassDefinition> ocds, Function<String, Map<String, Object>> values) {
        Map<String, Field> fields = fields(section, ocds);
        ObjectNode out = mapper.createObjectNode();
        out.put("section", section.name());
        out.put("path", section.path());
        ArrayNode groups = out.putArray("groups");
        for (SettingsSection.Group g : section.groups()) {
            List<Field> in = fields.values().stream().filter(f -> f.group().equals(g.id())).toList();
            if (in.isEmpty()) {
                continue;
            }
            ObjectNode group = groups.addObject();
            group.put("id", g.id());
            group.put("pid", g.pid());
            group.put("name", ocds.apply(g.pid()).getName());
            Map<String, Object> stored = values.apply(g.pid());
            ArrayNode list = group.putArray("fields");
            for (Field f : in) {
                list.add(field(mapper, f, stored == null ? null : stored.get(f.key()), ocds));
            }
        }
        return out;
    }

    private static ObjectNode field(ObjectMapper mapper, Field f, Object stored,
            Function<String, ObjectClassDefinition> ocds) {
        AttributeDefinition ad = f.ad();
        ObjectNode o = mapper.createObjectNode();
        o.put("key", f.key());
        o.put("pid", f.pid());
        o.put("label", ad.getName());
        o.put("description", ad.getDescription());
        o.put("type", typeName(ad));
        o.put("list", ad.getCardinality() != 0);
        String unit = unit(ad);
        if (!unit.isEmpty()) {
            o.put("unit", unit);
        }
        Range range = range(ad);
        if (range != null && range.min() != null) {
            o.put("min", range.min());
        }
        if (range != null && range.max() != null) {
            o.put("max", range.max());
        }
        List<String> options = options(f, ocds);
        if (!options.isEmpty()) {
            ArrayNode os = o.putArray("options");
            String[] labels = ad.getOptionLabels();
            String[] values = ad.getOptionValues();
            for (int i = 0; i < values.length; i++) {
                if (options.contains(values[i])) {
                    os.addObject().put("value", values[i]).put("label", labels == null ? values[i] : labels[i]);
                }
            }
        }
        o.set("default", json(mapper, ad, ad.getDefaultValue() == null ? null
                : ad.getCardinality() == 0 && ad.getDefaultValue().length > 0 ? ad.getDefaultValue()[0]
                        : ad.getCardinality() == 0 ? null : ad.getDefaultValue()));
        o.set("value", stored == null ? o.get("default") : json(mapper, ad, stored));
        return o;
    }

    /** The option values offered: the declared ones, less those whose bundle is not installed. */
    static List<String> options(Field f, Function<String, ObjectClassDefinition> ocds) {
        String[] values = f.ad().getOptionValues();
        if (values == null) {
            return List.of();
        }
        Map<String, String> needs = SettingsSection.OPTION_NEEDS.getOrDefault(f.key(), Map.of());
        return Arrays.stream(values).filter(v -> !needs.containsKey(v) || ocds.apply(needs.get(v)) != null).toList();
    }

    static String typeName(AttributeDefinition ad) {
        return switch (ad.getType()) {
            case AttributeDefinition.INTEGER, AttributeDefinition.LONG, AttributeDefinition.SHORT,
                    AttributeDefinition.BYTE -> "integer";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "number";
            case AttributeDefinition.BOOLEAN -> "boolean";
            default -> "text";
        };
    }

    /** The unit in the attribute's name, as the core's checks read it ("Wiring limit (A)" → "A"). */
    static String unit(AttributeDefinition ad) {
        Matcher m = UNIT.matcher(ad.getName() == null ? "" : ad.getName());
        return m.find() ? m.group(1) : "";
    }

    /**
     * The range of a whole number as the Metatype declares it. The Metatype API tells a range only through
     * {@link AttributeDefinition#validate}, so each bound is found by bisection over what it accepts (32 questions):
     * the number the owner wrote in its annotation, not a copy of it here. Null for a key without a range.
     */
    static Range range(AttributeDefinition ad) {
        if (!"integer".equals(typeName(ad)) || ad.getCardinality() != 0 || hasOptions(ad)) {
            return null;
        }
        long lowest = ad.getType() == AttributeDefinition.LONG ? Long.MIN_VALUE / 2 : Integer.MIN_VALUE;
        long highest = ad.getType() == AttributeDefinition.LONG ? Long.MAX_VALUE / 2 : Integer.MAX_VALUE;
        Long inside = insideValue(ad);
        if (inside == null) {
            return null;
        }
        Long min = accepts(ad, lowest) ? null : bisect(ad, lowest, inside);
        Long max = accepts(ad, highest) ? null : bisect(ad, highest, inside);
        return min == null && max == null ? null : new Range(min, max);
    }

    private static boolean hasOptions(AttributeDefinition ad) {
        return ad.getOptionValues() != null && ad.getOptionValues().length > 0;
    }

    /** A value the attribute accepts: its default, else 0 or 1. */
    private static Long insideValue(AttributeDefinition ad) {
        List<Long> tries = new ArrayList<>();
        if (ad.getDefaultValue() != null && ad.getDefaultValue().length > 0) {
            try {
                tries.add(Long.parseLong(ad.getDefaultValue()[0].trim()));
            } catch (NumberFormatException e) {
                // no usable default: try the usual ones
            }
        }
        tries.add(0L);
        tries.add(1L);
        return tries.stream().filter(v -> accepts(ad, v)).findFirst().orElse(null);
    }

    /** The accepted value nearest to {@code refused}, between it and {@code accepted}. */
    private static long bisect(AttributeDefinition ad, long refused, long accepted) {
        long out = refused;
        long in = accepted;
        while (Math.abs(in - out) > 1) {
            long mid = out + (in - out) / 2;
            if (accepts(ad, mid)) {
                in = mid;
            } else {
                out = mid;
            }
        }
        return in;
    }

    private static boolean accepts(AttributeDefinition ad, long value) {
        String message = ad.validate(Long.toString(value));
        return message == null || message.isEmpty();
    }

    /** The owners' words for a range ({@code must be 6..32 A}, as the core's checks say it). */
    static String rangeMessage(AttributeDefinition ad, Range r) {
        String unit = unit(ad).isEmpty() ? "" : " " + unit(ad);
        if (r == null) {
            return "out of the range the setting allows";
        }
        if (r.min() != null && r.max() != null) {
            return "must be " + r.min() + ".." + r.max() + unit;
        }
        return r.min() != null ? "must be at least " + r.min() + unit : "must be at most " + r.max() + unit;
    }

    /**
     * The properties to write, by PID, from a request body: every field a key of the section the runtime describes,
     * of the key's type, among its options, in its range. All fields are checked before any is written; every
     * refused field is named.
     */
    static Map<String, Map<String, Object>> changes(JsonNode body, Map<String, Field> fields,
            Function<String, ObjectClassDefinition> ocds) throws Refused {
        if (body == null || !body.isObject()) {
            throw new Refused(List.of(new FieldError(null, "the body must be a JSON object of settings")));
        }
        if (body.size() == 0) {
            throw new Refused(List.of(new FieldError(null, "nothing to change: expected one or more of "
                    + String.join(", ", fields.keySet()))));
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Field f = fields.get(e.getKey());
            if (f == null) {
                errors.add(new FieldError(e.getKey(), "unknown field; this section has "
                        + String.join(", ", fields.keySet())));
                continue;
            }
            try {
                out.computeIfAbsent(f.pid(), p -> new LinkedHashMap<>()).put(f.key(), value(f, e.getValue(), ocds));
            } catch (IllegalArgumentException bad) {
                errors.add(new FieldError(f.key(), bad.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new Refused(errors);
        }
        return out;
    }

    /** The typed value of one field, or IAE with the words to show next to it. */
    static Object value(Field f, JsonNode node, Function<String, ObjectClassDefinition> ocds) {
        AttributeDefinition ad = f.ad();
        if (ad.getCardinality() != 0) {
            if (!node.isArray()) {
                throw new IllegalArgumentException("must be a list of " + typeName(ad) + " values");
            }
            int most = Math.abs(ad.getCardinality());
            if (most != Integer.MAX_VALUE && node.size() > most) {
                throw new IllegalArgumentException("at most " + most + " values");
            }
            Object[] items = new Object[node.size()];
            for (int i = 0; i < node.size(); i++) {
                items[i] = single(f, node.get(i), ocds);
            }
            Object array = Array.newInstance(items.length == 0 ? javaType(ad) : items[0].getClass(), items.length);
            for (int i = 0; i < items.length; i++) {
                Array.set(array, i, items[i]);
            }
            return array;
        }
        return single(f, node, ocds);
    }

    private static Class<?> javaType(AttributeDefinition ad) {
        return switch (typeName(ad)) {
            case "integer" -> ad.getType() == AttributeDefinition.LONG ? Long.class : Integer.class;
            case "number" -> Double.class;
            case "boolean" -> Boolean.class;
            default -> String.class;
        };
    }

    private static Object single(Field f, JsonNode node, Function<String, ObjectClassDefinition> ocds) {
        AttributeDefinition ad = f.ad();
        Object v;
        String text;
        switch (typeName(ad)) {
            case "integer" -> {
                boolean isLong = ad.getType() == AttributeDefinition.LONG;
                if (!node.isIntegralNumber() || !(isLong ? node.canConvertToLong() : node.canConvertToInt())) {
                    throw new IllegalArgumentException("not a whole number; " + rangeMessage(ad, range(ad)));
                }
                v = isLong ? (Object) node.longValue() : (Object) node.intValue();
                text = node.asText();
            }
            case "number" -> {
                if (!node.isNumber()) {
                    throw new IllegalArgumentException("not a number");
                }
                v = node.doubleValue();
                text = node.asText();
            }
            case "boolean" -> {
                if (!node.isBoolean()) {
                    throw new IllegalArgumentException("must be true or false");
                }
                v = node.booleanValue();
                text = node.asText();
            }
            default -> {
                if (!node.isTextual()) {
                    throw new IllegalArgumentException("must be a text");
                }
                v = node.textValue();
                text = node.textValue();
            }
        }
        if (hasOptions(ad)) {
            List<String> allowed = options(f, ocds);
            if (!allowed.contains(text)) {
                throw new IllegalArgumentException("unknown value; allowed: " + String.join("|", allowed));
            }
            return v;
        }
        // numbers only: Felix Metatype calls an empty text "missing", where the owners' own empty-value rule decides
        // (an OCPP URL emptied to stay offline, a date and time left as it is)
        boolean numeric = "integer".equals(typeName(ad)) || "number".equals(typeName(ad));
        String message = numeric && ad.getCardinality() == 0 ? ad.validate(text) : null;
        if (message != null && !message.isEmpty()) {
            throw new IllegalArgumentException(rangeMessage(ad, range(ad)));
        }
        return v;
    }

    /** A stored value (typed, or text from an etc file) as JSON of the attribute's type; as written when it is not. */
    static JsonNode json(ObjectMapper mapper, AttributeDefinition ad, Object raw) {
        if (raw == null) {
            return mapper.nullNode();
        }
        if (ad.getCardinality() != 0) {
            ArrayNode a = mapper.createArrayNode();
            for (Object item : items(raw)) {
                a.add(json(mapper, withoutCardinality(ad), item));
            }
            return a;
        }
        Object v = raw instanceof Collection<?> c && !c.isEmpty() ? c.iterator().next()
                : raw.getClass().isArray() && Array.getLength(raw) > 0 ? Array.get(raw, 0) : raw;
        String s = v.toString().trim();
        try {
            return switch (typeName(ad)) {
                case "integer" -> v instanceof Number n ? mapper.getNodeFactory().numberNode(n.longValue())
                        : mapper.getNodeFactory().numberNode(Long.parseLong(s));
                case "number" -> v instanceof Number n ? mapper.getNodeFactory().numberNode(n.doubleValue())
                        : mapper.getNodeFactory().numberNode(Double.parseDouble(s));
                case "boolean" -> v instanceof Boolean b ? mapper.getNodeFactory().booleanNode(b)
                        : bool(mapper, s);
                default -> mapper.getNodeFactory().textNode(v.toString());
            };
        } catch (IllegalArgumentException e) {
            return mapper.getNodeFactory().textNode(v.toString());
        }
    }

    private static JsonNode bool(ObjectMapper mapper, String s) {
        String t = s.toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            throw new IllegalArgumentException(s);
        }
        return mapper.getNodeFactory().booleanNode(Boolean.parseBoolean(t));
    }

    /** The items of a list value: an array, a collection, or a text of comma-separated items (an etc file's). */
    private static List<Object> items(Object raw) {
        List<Object> out = new ArrayList<>();
        if (raw instanceof Collection<?> c) {
            out.addAll(c);
        } else if (raw.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(raw); i++) {
                out.add(Array.get(raw, i));
            }
        } else {
            for (String s : raw.toString().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private static AttributeDefinition withoutCardinality(AttributeDefinition ad) {
        return new AttributeDefinition() {
            @Override
            public String getName() {
                return ad.getName();
            }

            @Override
            public String getID() {
                return ad.getID();
            }

            @Override
            public String getDescription() {
                return ad.getDescription();
            }

            @Override
            public int getCardinality() {
                return 0;
            }

            @Override
            public int getType() {
                return ad.getType();
            }

            @Override
            public String[] getOptionValues() {
                return ad.getOptionValues();
            }

            @Override
            public String[] getOptionLabels() {
                return ad.getOptionLabels();
            }

            @Override
            public String validate(String value) {
                return ad.validate(value);
            }

            @Override
            public String[] getDefaultValue() {
                return ad.getDefaultValue();
            }
        };
    }
}
