/**
 * How an owner of a configuration PID reads it (issue 15), shared by every bundle that owns one: a library, no
 * services. {@link org.infinergi.core.config.CheckedConfiguration} reads a PID through its Metatype {@code Config}
 * annotation (an empty value or a value not of its type rejects the whole PID, the previous valid values stay in
 * force), {@link org.infinergi.core.config.EmptyValues} is the empty-value rule, and
 * {@link org.infinergi.core.config.LastValidConfiguration} keeps the last valid configuration in the owner's bundle
 * data area for an owner that Declarative Services re-creates on every change. Moved out of the charging API
 * (issue 14 point 1: no implementation class in an API bundle); rejections are the API's
 * {@link org.infinergi.core.charging.api.ConfigurationRejection}. Since 1.1.0,
 * {@link org.infinergi.core.config.FactoryResetParticipant}: settings a bundle keeps outside Config Admin, which it
 * returns to their defaults itself when the factory reset of manual §6.2 asks.
 */
@Export
@Version("1.1.0")
package org.infinergi.core.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
