package org.infinergi.feature.ocpp.internal;

/** The open WebSocket to the central system, as the protocol sees it. */
interface Link {

    /** Sends one text frame; never blocks the caller on the network. */
    void send(String text);
}
