/**
 * Charge authentication as the rest of the charger sees it (manual §5.7): the active mode and the outcome of the last
 * card, for the panel's logo ("Valid authentication" / "Failed authentication", manual §8), the display and the web.
 */
@Export
@Version("1.0.0")
package org.infinergi.feature.auth.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
