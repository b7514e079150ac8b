/**
 * The charging API: what the charger is doing (manual §6.1.1 display states, IEC 61851-1 pilot states),
 * why the current is what it is ({@link org.infinergi.core.charging.api.LimitProvider}), and what it did
 * (the session history), what happened ({@link org.infinergi.core.charging.api.ChargerEvents}, the Event Admin
 * topics), and the charging modes in their own bundles ({@link org.infinergi.core.charging.api.ChargingModeService}).
 * Features and user interfaces depend on this package only.
 */
@Export
@Version("1.6.0")
package org.infinergi.core.charging.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
