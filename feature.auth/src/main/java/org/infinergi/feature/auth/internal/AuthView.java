package org.infinergi.feature.auth.internal;

import org.infinergi.feature.auth.api.AuthenticationStatus;

/** The authentication state with the local list, for this bundle's web resource and shell command (a service inside it). */
public interface AuthView extends AuthenticationStatus {

    /** The settings in force. */
    AuthSettings settings();

    /** Why the last configuration was rejected, or null when it was accepted. */
    String configurationError();
}
