/**
 * Charge authentication as the rest of the charger sees it (manual §5.7): the active mode and the outcome of the last
 * card, for the panel's logo ("Valid authentication" / "Failed authentication", manual §8), the display and the web;
 * and the central system that validates cards in the Centralized modes ({@link
 * org.infinergi.feature.auth.api.CentralAuthorization}, since 1.1.0, provided by the OCPP client).
 */
@Export
@Version("1.1.0")
package org.infinergi.feature.auth.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
