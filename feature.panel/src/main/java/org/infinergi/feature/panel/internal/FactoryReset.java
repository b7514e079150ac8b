package org.infinergi.feature.panel.internal;

import java.io.IOException;

/** Manual §6.2 "Factory reset": configuration back to the model defaults; history kept unless chosen otherwise. */
interface FactoryReset {

    void reset(boolean eraseHistory) throws IOException;
}
