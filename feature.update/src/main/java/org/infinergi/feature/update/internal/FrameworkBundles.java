package org.infinergi.feature.update.internal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.hal.PilotHardware;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The updater's view of the running framework, through the component's own BundleContext. */
final class FrameworkBundles implements Framework {

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkBundles.class);

    private final BundleContext context;
    private final Duration refreshTimeout;

    FrameworkBundles(BundleContext context, Duration refreshTimeout) {
        this.context = context;
        this.refreshTimeout = refreshTimeout;
    }

    @Override
    public List<InstalledBundle> installed() {
        List<InstalledBundle> all = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.UNINSTALLED && b.getSymbolicName() != null) {
                all.add(new InstalledBundle(b.getBundleId(), b.getSymbolicName(), b.getVersion()));
            }
        }
        return all;
    }

    @Override
    public BundleRole role(long id) {
        Bundle bundle = context.getBundle(id);
        if (bundle == null) {
            return new BundleRole(String.valueOf(id), Set.of(), Set.of(), Set.of(), Set.of());
        }
        Set<Bundle> core = providers(ChargerControl.class.getName());
        Set<Bundle> pilot = providers(PilotHardware.class.getName());
        Set<String> provides = new HashSet<>();
        Set<String> usedByCore = new HashSet<>();
        Set<String> usedByPilot = new HashSet<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        for (ServiceReference<?> ref : registered == null ? new ServiceReference<?>[0] : registered) {
            List<String> classes = List.of((String[]) ref.getProperty(Constants.OBJECTCLASS));
            provides.addAll(classes);
            Bundle[] users = ref.getUsingBundles();
            for (Bundle user : users == null ? new Bundle[0] : users) {
                if (user.getBundleId() == id) {
                    continue;
                }
                if (core.contains(user)) {
                    usedByCore.addAll(classes);
                }
                if (pilot.contains(user)) {
                    usedByPilot.addAll(classes);
                }
            }
        }
        return new BundleRole(bundle.getSymbolicName(), provides, exportsInUse(bundle), usedByCore, usedByPilot);
    }

    /** The bundles registering a service of this class now. */
    private Set<Bundle> providers(String objectClass) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(objectClass, null);
            Set<Bundle> bundles = new HashSet<>();
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                if (ref.getBundle() != null) {
                    bundles.add(ref.getBundle());
                }
            }
            return bundles;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // no filter given
        }
    }

    /** Packages of the bundle's current revision that another bundle is wired to. */
    private static Set<String> exportsInUse(Bundle bundle) {
        Set<String> packages = new HashSet<>();
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return packages;
        }
        List<BundleWire> wires = wiring.getProvidedWires(PackageNamespace.PACKAGE_NAMESPACE);
        for (BundleWire wire : wires == null ? List.<BundleWire>of() : wires) {
            if (wire.getRequirer().getBundle().getBundleId() != bundle.getBundleId()) {
                Object name = wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
                packages.add(String.valueOf(name));
            }
        }
        return packages;
    }

    @Override
    public long ownBundleId() {
        return context.getBundle().getBundleId();
    }

    @Override
    public String replace(long id, Path jar) throws Exception {
        Bundle bundle = context.getBundle(id);
        if (bundle == null) {
            throw new BundleException("bundle " + id + " was uninstalled");
        }
        boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
        boolean wasActive = (bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0;
        // Bundle.update stops the bundle, swaps its content and starts it again if it was active; on invalid
        // content it throws and keeps the old content.
        try (InputStream in = Files.newInputStream(jar)) {
            bundle.update(in);
        }
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
        // Bundles wired to packages of the old revision keep using it until a refresh: the new code would run
        // beside the old one. Refresh the bundle and everything that depends on it (the framework computes the
        // closure and restarts what it stopped).
        if (wiring.getRemovalPendingBundles().contains(bundle) || fragment) {
            if (wiring.getDependencyClosure(List.of(bundle)).contains(context.getBundle())) {
                // The refresh would stop the updater itself halfway (e.g. the core, whose API it imports). The new
                // revision imports the API packages it exports (bnd), so it runs on the old API classes beside its
                // dependants until the next restart drops the old revision.
                LOG.info("Refresh after the update of {} deferred to the next restart: the updater depends on it",
                        bundle.getSymbolicName());
            } else {
                refresh(wiring, bundle);
            }
        }
        if (bundle.getState() == Bundle.INSTALLED) {
            wiring.resolveBundles(List.of(bundle));
        }
        if (bundle.getState() == Bundle.INSTALLED) {
            return "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                    + " does not resolve (a package or capability it needs is missing)" + startFailure(bundle);
        }
        if (wasActive && !fragment && (bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
            return "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " did not start"
                    + startFailure(bundle);
        }
        return null;
    }

    private void refresh(FrameworkWiring wiring, Bundle bundle) throws InterruptedException, BundleException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        wiring.refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.ERROR && event.getThrowable() != null) {
                error.compareAndSet(null, event.getThrowable());
            }
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        if (!done.await(refreshTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new BundleException("the refresh of " + bundle.getSymbolicName() + " did not end within "
                    + refreshTimeout.toSeconds() + " s");
        }
        if (error.get() != null && bundle.getState() == Bundle.INSTALLED) {
            throw new BundleException("refresh failed: " + error.get().getMessage(), error.get());
        }
    }

    /** The framework's own reason, by starting it once more (start of an ACTIVE bundle does nothing). */
    private static String startFailure(Bundle bundle) {
        try {
            bundle.start();
            return "";
        } catch (BundleException | RuntimeException e) {
            return ": " + e.getMessage();
        }
    }
}
