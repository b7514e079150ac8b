package org.infinergi.driver.modbusmeters.bus.internal;

import java.util.Set;
import java.util.TreeSet;

import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The meter models this charger carries: the {@value MeterModel#CAPABILITY} capabilities the installed vendor
 * bundles declare. Read from the bundles, not from the registered services, so a model whose bundle is installed but
 * not started yet (boot, a bundle update in progress) is known.
 */
final class InstalledModels {

    private InstalledModels() {
    }

    static Set<String> of(BundleContext context) {
        Set<String> models = new TreeSet<>();
        for (Bundle b : context.getBundles()) {
            BundleRevision revision = b.adapt(BundleRevision.class);
            if (revision == null) {
                continue;
            }
            for (BundleCapability c : revision.getDeclaredCapabilities(MeterModel.CAPABILITY)) {
                Object model = c.getAttributes().get("model");
                if (model != null) {
                    models.add(model.toString());
                }
            }
        }
        return models;
    }
}
