package org.infinergi.sim.internal;

/** The keys of {@code org.infinergi.device} the world uses. */
public @interface DeviceKeys {

    /** The model's phase count (1 or 3, 0 = unset). */
    int phases() default 0;

    /** true: fixed cable (T models, no proximity pilot, no lock); false: socket (U models). Core's default. */
    boolean tethered() default true;
}
