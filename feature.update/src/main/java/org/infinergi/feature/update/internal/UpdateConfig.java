package org.infinergi.feature.update.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.infinergi.update}: who may sign the charger's software, and how updates are applied (manual §5.9). */
@ObjectClassDefinition(id = UpdateConfig.PID, name = "Software update",
        description = "Manual §5.9.2 manual mode: bundle updates uploaded through the local web interface or the "
                + "technician's console. Only JARs signed by a certificate of the trust list are accepted.")
public @interface UpdateConfig {

    String PID = "org.infinergi.update";

    @AttributeDefinition(name = "Trusted certificates",
            description = "X.509 certificates whose holders may sign updates: PEM blocks (-----BEGIN CERTIFICATE-----"
                    + " …) or base64 DER, several separated by commas or blanks. A signer is trusted when its "
                    + "certificate chain validates (PKIX, no revocation check) up to one of these. Empty = no update "
                    + "is accepted.")
    String[] trustedCertificates() default {};

    @AttributeDefinition(name = "Allow downgrade",
            description = "Accept a signed bundle whose version is lower than the installed one. Off: an old signed "
                    + "release (with the flaws its successor fixed) cannot be installed again.")
    boolean allowDowngrade() default false;

    @AttributeDefinition(name = "Retry interval (s)",
            description = "While the charging core refuses the update (a vehicle is connected: the update is "
                    + "postponed to the end of the charging session), ask again every this many seconds.", min = "1")
    int retryIntervalS() default 5;

    @AttributeDefinition(name = "Maximum size (KiB)", description = "Larger uploads are refused unread.", min = "1")
    int maxSizeKiB() default 16384;
}
