package org.infinergi.feature.auth.api;

/** The "Authentication mode" of manual §5.7 / §7.1.2 (PID {@code org.infinergi.auth}, key {@code mode}). */
public enum AuthMode {
    /** Authentication disabled: a connected vehicle charges at once. */
    FREE,
    /** The valid cards are the local list stored on the device. */
    LOCAL_LIST,
    /** The valid cards are known to a remote (OCPP) central system. */
    CENTRALIZED,
    /** A card is checked with the central system and against the local list. */
    CENTRALIZED_WITH_LOCAL_LIST
}
