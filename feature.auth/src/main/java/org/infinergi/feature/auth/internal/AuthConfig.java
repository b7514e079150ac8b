package org.infinergi.feature.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Charge authentication, manual §5.7 and §7.1.2 "RFID authentication" (administrator settings). */
@ObjectClassDefinition(id = AuthSettings.PID, name = "infinergi RFID authentication",
        description = "Manual §7.1.2: authentication mode and the local list of RFID cards.")
public @interface AuthConfig {

    @AttributeDefinition(name = "Mode", description = "Manual §5.7 \"Authentication mode\": Free = authentication disabled;"
            + " Local list = valid cards stored on the device; Centralized = on a remote system (needs the OCPP client:"
            + " until it exists every card is refused); Centralized with local list = the local list decides while no"
            + " central system is available.",
            options = {
                @Option(value = "FREE", label = "Free"),
                @Option(value = "LOCAL_LIST", label = "Local list"),
                @Option(value = "CENTRALIZED", label = "Centralized"),
                @Option(value = "CENTRALIZED_WITH_LOCAL_LIST", label = "Centralized with local list")})
    String mode() default "FREE";

    @AttributeDefinition(name = "Current list", description = "Manual §7.1.2: the cards stored on the device, by UID"
            + " (hexadecimal, 4 to 10 bytes, e.g. 04A2B3C4). Each new card is stored as valid (§5.7).")
    String[] cards() default {};

    @AttributeDefinition(name = "Blocked cards", description = "Manual §5.7: stored cards that are blocked without being"
            + " removed; remove a UID from here to reactivate the card.")
    String[] blockedCards() default {};
}
