package org.infinergi.feature.ocpp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * OCPP settings of manual §5.1.4 and §7.2.1 ("OCPP URL", "Charge Point ID", "Authorization mode", "Static ID tag")
 * and the security profile of the OCPP security whitepaper. PID and keys: ARCHITECTURE.md's configuration contract.
 */
@ObjectClassDefinition(id = OcppConfig.PID, name = "infinergi OCPP 1.6J (manual §5.1.4)",
        description = "Connects the charger to a central system over OCPP 1.6J whenever a URL is set; with no URL the "
                + "client does nothing.")
public @interface OcppConfig {

    /** Configuration PID (ARCHITECTURE.md configuration contract). */
    String PID = "org.infinergi.ocpp";

    @AttributeDefinition(name = "OCPP URL",
            description = "Manual §5.1.4: the central system's WebSocket endpoint, ws:// or wss://; the charger "
                    + "appends \"/\" and its Charge Point ID. Empty = no central system.", required = false)
    String url() default "";

    @AttributeDefinition(name = "Charge Point ID",
            description = "Manual §5.1.4: the charger's identity at the central system; empty = the serial number "
                    + "of the label.", required = false)
    String chargePointId() default "";

    @AttributeDefinition(name = "Authorization mode",
            description = "Manual §5.1.4: Disabled (charge without authorization; StartTransaction carries the static "
                    + "ID tag), Static ID tag (Authorize with the static ID tag, then StartTransaction), or RFID (the "
                    + "transaction starts with the card that authorized the charge, or with RemoteStartTransaction).",
            options = {@Option(label = "Disabled", value = "DISABLED"),
                    @Option(label = "Static ID tag", value = "STATIC_ID_TAG"), @Option(label = "RFID", value = "RFID")})
    String authorizationMode() default "DISABLED";

    @AttributeDefinition(name = "Static ID tag",
            description = "Manual §5.1.4: the ID tag of StartTransaction when the mode is not RFID, and of Authorize "
                    + "in the Static ID tag mode; empty = the last 19 characters of the serial number.",
            required = false)
    String staticIdTag() default "";

    @AttributeDefinition(name = "Security profile",
            description = "OCPP security whitepaper: 0 = none, 1 = HTTP Basic authentication with the authorization "
                    + "key, 2 = TLS (wss://) and HTTP Basic authentication.", min = "0", max = "2")
    int securityProfile() default 0;

    @AttributeDefinition(name = "Authorization key",
            description = "The password of HTTP Basic authentication (security profiles 1 and 2), user = the Charge "
                    + "Point ID.", type = AttributeType.PASSWORD, required = false)
    String authorizationKey() default "";

    @AttributeDefinition(name = "CA certificates (TLS)",
            description = "Security profile 2: the certificates the central system's wss:// certificate must chain "
                    + "to, as PEM text (-----BEGIN CERTIFICATE----- blocks) or the path of a PEM/DER file; empty = "
                    + "the JVM's trust store. The URL's host name is always verified.", required = false)
    String caCertificates() default "";
}
