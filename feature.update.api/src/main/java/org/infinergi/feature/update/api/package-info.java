/**
 * The field update of signed bundles (manual §5.9.2) as other features use it: {@link
 * org.infinergi.feature.update.api.BundleUpdates} submits a JAR to the same verification (a trusted signature, an
 * installed bundle, another version) and the same postponement while a vehicle is connected as an upload on
 * {@code /api/update}, and tells where it stands. Provided by {@code feature.update}; used by the OCPP client's
 * UpdateFirmware (OCPP 1.6 Firmware Management).
 */
@Export
@Version("1.0.0")
package org.infinergi.feature.update.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
