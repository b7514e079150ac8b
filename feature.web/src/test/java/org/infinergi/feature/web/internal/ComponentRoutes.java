package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The whiteboard properties of this bundle's components as the build wrote them (OSGI-INF/*.xml, what the HTTP
 * runtime reads): each component's properties, multi-valued ones as lists.
 */
final class ComponentRoutes {

    private ComponentRoutes() {
    }

    /** Component name → property name → values. */
    static Map<String, Map<String, List<String>>> components() throws Exception {
        Path dir = Paths.get(ComponentRoutes.class.getResource("/OSGI-INF").toURI());
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.xml")) {
            for (Path f : files) {
                Document doc;
                try (InputStream in = Files.newInputStream(f)) {
                    doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
                }
                Map<String, List<String>> props = new LinkedHashMap<>();
                NodeList list = doc.getElementsByTagName("property");
                for (int i = 0; i < list.getLength(); i++) {
                    Element p = (Element) list.item(i);
                    List<String> values = p.hasAttribute("value") ? List.of(p.getAttribute("value"))
                            : Arrays.stream(p.getTextContent().split("\n")).map(String::trim).filter(s -> !s.isEmpty())
                                    .toList();
                    props.computeIfAbsent(p.getAttribute("name"), k -> new ArrayList<>()).addAll(values);
                }
                out.put(doc.getDocumentElement().getAttribute("name"), props);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Every servlet pattern of this bundle's components. */
    static List<String> servletPatterns() throws Exception {
        List<String> out = new ArrayList<>();
        components().values().forEach(p -> out.addAll(p.getOrDefault("osgi.http.whiteboard.servlet.pattern", List.of())));
        return out;
    }
}
