package org.infinergi.feature.panel.internal;

/** Manual §6.2 "Device restart: software restart of infinergi device". */
interface Restarter {

    void restart();
}
