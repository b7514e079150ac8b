package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.infinergi.core.charging.api.Device;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/info}: the Info section's main information (manual §6.1.2, §2.4 label): {@code model}, {@code mac},
 * and {@code bundles}, the firmware's bundles ({@code org.infinergi.*}) with version and state, since a field update
 * (manual §5.9.2) replaces them one by one. The serial is left out: it is the admin's default password (manual
 * §6.1.2.1), and this endpoint is the user's.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + InfoServlet.PATH,
        "osgi.http.whiteboard.servlet.name=infinergi-info",
        WebContext.SELECT })
public final class InfoServlet extends HttpServlet {

    static final String PATH = "/api/info";
    static final String FIRMWARE_PREFIX = "org.infinergi.";
    private static final long serialVersionUID = 1L;

    /** One bundle of the firmware as Info shows it. */
    record FirmwareBundle(String name, String version, String state) {
    }

    private final transient ObjectMapper mapper = new ObjectMapper();
    private final transient BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Device device;

    @Activate
    public InfoServlet(BundleContext context) {
        this.context = context;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, info(mapper, device, firmware(context.getBundles())));
    }

    /** The firmware's own bundles, by name. */
    static List<FirmwareBundle> firmware(Bundle[] installed) {
        return Arrays.stream(installed)
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith(FIRMWARE_PREFIX))
                .map(b -> new FirmwareBundle(b.getSymbolicName(), b.getVersion().toString(), state(b.getState())))
                .sorted(Comparator.comparing(FirmwareBundle::name)).toList();
    }

    static ObjectNode info(ObjectMapper mapper, Device device, List<FirmwareBundle> bundles) {
        ObjectNode o = mapper.createObjectNode();
        o.put("model", device == null ? null : device.model());
        o.put("mac", device == null || device.mac().isEmpty() ? null : device.mac());
        ArrayNode a = o.putArray("bundles");
        bundles.forEach(b -> a.addObject().put("name", b.name()).put("version", b.version()).put("state", b.state()));
        return o;
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
