package org.infinergi.feature.update.internal;

import org.osgi.framework.Version;

/** A bundle installed in the framework now, as the update policy sees it. */
record InstalledBundle(long id, String symbolicName, Version version) {
}
