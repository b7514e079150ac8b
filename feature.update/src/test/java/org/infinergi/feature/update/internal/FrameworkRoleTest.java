package org.infinergi.feature.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.hal.PilotHardware;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/** A bundle's role read from the live framework: its services, who uses them, and who imports its packages. */
class FrameworkRoleTest {

    private static final String PANEL_BOARD = "org.infinergi.core.charging.hal.PanelBoard";
    private static final String CONTEXT = "com.pi4j.context.Context";
    private static final String SERVLET = "javax.servlet.Servlet";

    private final Bundle core = bundle(10, "org.infinergi.core.charging");
    private final Bundle pilot = bundle(11, "org.infinergi.driver.pilot");
    private final Bundle other = bundle(50, "org.infinergi.feature.web");
    private ServiceReference<?>[] registered;
    private BundleWiring wiring;
    private final Bundle target = proxy(Bundle.class, (m, args) -> switch (m) {
        case "getBundleId" -> 31L;
        case "getSymbolicName" -> "org.example.target";
        case "getRegisteredServices" -> registered;
        case "adapt" -> wiring;
        default -> throw new UnsupportedOperationException(m);
    });

    private final BundleContext context = proxy(BundleContext.class, (m, args) -> switch (m) {
        case "getBundle" -> target;
        case "getAllServiceReferences" -> ChargerControl.class.getName().equals(args[0])
                ? new ServiceReference<?>[] {service(core, List.of(ChargerControl.class.getName()))}
                : PilotHardware.class.getName().equals(args[0])
                        ? new ServiceReference<?>[] {service(pilot, List.of(PilotHardware.class.getName()))}
                        : null;
        default -> throw new UnsupportedOperationException(m);
    });

    private final FrameworkBundles framework = new FrameworkBundles(context, Duration.ofSeconds(5));

    @Test
    void servicesUsedByTheCoreAndThePilotDriver_andPackagesImportedByOthers() {
        registered = new ServiceReference<?>[] {service(target, List.of(PANEL_BOARD), core, other),
                service(target, List.of(CONTEXT), pilot), service(target, List.of(SERVLET), other, target)};
        wiring = wiring(Map.of("org.example.api", other, "org.example.own", target));

        BundleRole role = framework.role(31);

        assertEquals(new BundleRole("org.example.target", Set.of(PANEL_BOARD, CONTEXT, SERVLET),
                Set.of("org.example.api"), Set.of(PANEL_BOARD), Set.of(CONTEXT)), role);
    }

    @Test
    void noServicesAndNoWiring_anEmptyRole_offTheChargingPath() {
        BundleRole role = framework.role(31);

        assertEquals(new BundleRole("org.example.target", Set.of(), Set.of(), Set.of(), Set.of()), role);
        assertEquals(false, ChargingPath.of(role).waits());
    }

    @Test
    void aServiceUsedOnlyByItsOwnBundleOrByOthers_offTheChargingPath() {
        registered = new ServiceReference<?>[] {service(target, List.of(PANEL_BOARD), target, other)};
        wiring = wiring(Map.of("org.example.own", target));

        BundleRole role = framework.role(31);

        assertEquals(Set.of(), role.usedByCore());
        assertEquals(Set.of(), role.exportsInUse());
        assertEquals(false, ChargingPath.of(role).waits(), ChargingPath.of(role).reason());
    }

    private static Bundle bundle(long id, String bsn) {
        return proxy(Bundle.class, (m, args) -> switch (m) {
            case "getBundleId" -> id;
            case "getSymbolicName" -> bsn;
            default -> throw new UnsupportedOperationException(m);
        });
    }

    private static ServiceReference<?> service(Bundle owner, List<String> classes, Bundle... users) {
        return proxy(ServiceReference.class, (m, args) -> switch (m) {
            case "getBundle" -> owner;
            case "getProperty" -> Constants.OBJECTCLASS.equals(args[0]) ? classes.toArray(new String[0]) : null;
            case "getUsingBundles" -> users.length == 0 ? null : users;
            default -> throw new UnsupportedOperationException(m);
        });
    }

    /** The target's wiring: package name → the bundle wired to it. */
    private static BundleWiring wiring(Map<String, Bundle> importers) {
        List<BundleWire> wires = importers.entrySet().stream().map(e -> wire(e.getKey(), e.getValue())).toList();
        return proxy(BundleWiring.class, (m, args) -> switch (m) {
            case "getProvidedWires" -> PackageNamespace.PACKAGE_NAMESPACE.equals(args[0]) ? wires : List.of();
            default -> throw new UnsupportedOperationException(m);
        });
    }

    private static BundleWire wire(String pkg, Bundle requirer) {
        BundleRevision revision = proxy(BundleRevision.class, (m, args) -> switch (m) {
            case "getBundle" -> requirer;
            default -> throw new UnsupportedOperationException(m);
        });
        BundleCapability capability = proxy(BundleCapability.class, (m, args) -> switch (m) {
            case "getAttributes" -> Map.of(PackageNamespace.PACKAGE_NAMESPACE, pkg);
            default -> throw new UnsupportedOperationException(m);
        });
        return proxy(BundleWire.class, (m, args) -> switch (m) {
            case "getRequirer" -> revision;
            case "getCapability" -> capability;
            default -> throw new UnsupportedOperationException(m);
        });
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(FrameworkRoleTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> answer.answer(method.getName(), args);
                }));
    }
}
