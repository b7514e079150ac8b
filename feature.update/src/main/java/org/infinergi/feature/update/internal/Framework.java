package org.infinergi.feature.update.internal;

import java.nio.file.Path;
import java.util.List;

/** What the updater needs of the OSGi framework; {@link FrameworkBundles} is the real one, tests use a fake. */
interface Framework {

    /** Every bundle installed now, the system bundle (id 0) included. */
    List<InstalledBundle> installed();

    /** What bundle {@code id} provides, exports and serves to the charging core and the pilot driver now. */
    BundleRole role(long id);

    /** This feature's own bundle. */
    long ownBundleId();

    /**
     * Replaces the content of bundle {@code id} with {@code jar}, refreshes the bundles still wired to its old
     * revision and brings it back to the state it had (ACTIVE, or RESOLVED).
     *
     * @return null when the bundle runs its new content, else why not
     * @throws Exception when the framework refused the new content (it keeps the old one)
     */
    String replace(long id, Path jar) throws Exception;
}
