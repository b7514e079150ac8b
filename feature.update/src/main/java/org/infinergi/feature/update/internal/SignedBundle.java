package org.infinergi.feature.update.internal;

import org.osgi.framework.Version;

/**
 * A bundle JAR whose every entry is signed by a trusted signer and whose manifest names a bundle.
 *
 * @param symbolicName its Bundle-SymbolicName, without directives
 * @param version its Bundle-Version
 * @param signer the subject of the signer's certificate
 */
record SignedBundle(String symbolicName, Version version, String signer) {
}
