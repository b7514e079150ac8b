package org.infinergi.core.charging.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A PID's attributes as its Metatype {@code Config} annotation declares them: default, range, allowed values. Read
 * from the Metatype resource bnd writes from that annotation ({@code OSGI-INF/metatype/<annotation>.xml}), so a
 * default and a range are written once, in the annotation, and {@link ConfigParser} validates against them.
 */
final class MetatypeSpec {

    /**
     * One attribute.
     *
     * @param id      the property key
     * @param type    Metatype type (Integer, Boolean, String)
     * @param dflt    the default as the annotation writes it (empty when none)
     * @param min     lower bound, or null
     * @param max     upper bound, or null
     * @param options allowed values, empty when any
     * @param unit    the unit in the attribute's name ("Wiring limit (A)" → "A"), empty when none
     */
    record Attribute(String id, String type, String dflt, Integer min, Integer max, List<String> options,
            String unit) {

        Attribute {
            options = List.copyOf(options);
        }
    }

    private static final Pattern UNIT = Pattern.compile("\\(([^)]*)\\)\\s*$");

    private final String ocd;
    private final Map<String, Attribute> attributes;

    private MetatypeSpec(String ocd, Map<String, Attribute> attributes) {
        this.ocd = ocd;
        this.attributes = attributes;
    }

    /** The spec of {@code config}, a {@code @ObjectClassDefinition} annotation type of this bundle. */
    static MetatypeSpec of(Class<?> config) {
        String resource = "/OSGI-INF/metatype/" + config.getName() + ".xml";
        try (InputStream in = config.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no Metatype resource " + resource);
            }
            return parse(config.getName(), in);
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("Metatype resource " + resource + " unreadable", e);
        }
    }

    private static MetatypeSpec parse(String ocd, InputStream in)
            throws IOException, ParserConfigurationException, SAXException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList ads = f.newDocumentBuilder().parse(in).getElementsByTagName("AD");
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        for (int i = 0; i < ads.getLength(); i++) {
            Element ad = (Element) ads.item(i);
            List<String> options = new ArrayList<>();
            NodeList os = ad.getElementsByTagName("Option");
            for (int k = 0; k < os.getLength(); k++) {
                options.add(((Element) os.item(k)).getAttribute("value"));
            }
            Matcher unit = UNIT.matcher(ad.getAttribute("name"));
            attributes.put(ad.getAttribute("id"), new Attribute(ad.getAttribute("id"), ad.getAttribute("type"),
                    ad.getAttribute("default"), bound(ad, "min"), bound(ad, "max"), options,
                    unit.find() ? unit.group(1) : ""));
        }
        return new MetatypeSpec(ocd, java.util.Collections.unmodifiableMap(attributes));
    }

    private static Integer bound(Element ad, String name) {
        return ad.hasAttribute(name) ? Integer.valueOf(ad.getAttribute(name)) : null;
    }

    /** The attribute {@code key}; a key the annotation does not declare is a bug of the parser. */
    Attribute attribute(String key) {
        Attribute a = attributes.get(key);
        if (a == null) {
            throw new IllegalArgumentException(ocd + " declares no attribute " + key);
        }
        return a;
    }

    /** Every attribute, as declared. */
    Map<String, Attribute> attributes() {
        return attributes;
    }
}
