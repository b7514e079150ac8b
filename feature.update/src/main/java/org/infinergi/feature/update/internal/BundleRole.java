package org.infinergi.feature.update.internal;

import java.util.Set;

/**
 * What the running framework says about one bundle, as far as a charging session is concerned: read from its
 * service registrations and its package wiring, not from a list of names.
 *
 * @param symbolicName the bundle
 * @param provides object classes of the services it registers
 * @param exportsInUse packages it exports that another bundle is wired to (updating it would refresh that bundle)
 * @param usedByCore object classes of its services that the charging core's bundle is using now
 * @param usedByPilotDriver object classes of its services that the pilot driver's bundle is using now
 */
record BundleRole(String symbolicName, Set<String> provides, Set<String> exportsInUse, Set<String> usedByCore,
        Set<String> usedByPilotDriver) {

    BundleRole {
        provides = Set.copyOf(provides);
        exportsInUse = Set.copyOf(exportsInUse);
        usedByCore = Set.copyOf(usedByCore);
        usedByPilotDriver = Set.copyOf(usedByPilotDriver);
    }
}
