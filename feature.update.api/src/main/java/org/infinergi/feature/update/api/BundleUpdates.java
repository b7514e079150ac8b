package org.infinergi.feature.update.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The charger's bundle updater (manual §5.9.2), one update at a time, whoever submits it: an administrator's upload,
 * the service technician's {@code update:bundle}, or the central system's UpdateFirmware.
 */
@ProviderType
public interface BundleUpdates {

    /**
     * Verifies the signed bundle JAR {@code jar} and applies it as a manual update: at once for a bundle off the
     * charging path, else postponed while a vehicle is connected (manual §5.9) and applied at the end of the session.
     * The file is read before this returns (the caller may delete it then).
     *
     * @return where it stands now: {@link UpdateProgress.Stage#POSTPONED} or {@link UpdateProgress.Stage#UPDATING}
     *         (the outcome comes later: {@link #progress()})
     * @throws UpdateRefusedException not applied, with what was wrong (not signed by a trusted certificate, no such
     *         bundle installed, the same version, too large, another update under way); nothing changed
     * @throws IOException the file could not be read
     */
    UpdateProgress submit(Path jar) throws UpdateRefusedException, IOException;

    /** Where the last submitted update stands ({@link UpdateProgress.Stage#IDLE} when none since the start). */
    UpdateProgress progress();
}
