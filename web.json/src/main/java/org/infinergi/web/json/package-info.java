/**
 * The one strict reading of request bodies for every endpoint of the charger's HTTP API: {@link RequestBodies} reads
 * a body with a cap checked before reading (HTTP 413), {@link StrictJson} parses it as one JSON object and rejects
 * trailing data, duplicate keys, unknown fields, wrong types and out-of-range numbers (HTTP 400 naming the field).
 */
@Export
@Version("1.0.0")
package org.infinergi.web.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
