/**
 * Green charging as the rest of the charger sees it (manual §5.1.2, §5.5): the surplus decision at a minimum green
 * level of the caller's choosing — the Green mode's own, or a Green program's (§5.1.3) — and Boost.
 * 1.1.0: the Boost events ({@link org.infinergi.feature.green.api.GreenEvents}).
 */
@Export
@Version("1.1.0")
package org.infinergi.feature.green.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
