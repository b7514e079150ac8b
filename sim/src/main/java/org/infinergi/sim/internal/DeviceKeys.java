package org.infinergi.sim.internal;

/** The key of {@code org.infinergi.device} the world uses: the model's phase count (1 or 3, 0 = unset). */
public @interface DeviceKeys {

    int phases() default 0;
}
