package org.infinergi.driver.pilot.internal;

/** The key of {@code org.infinergi.device} the vehicle meter uses (the model's phase count). */
public @interface DeviceKeys {

    /** 1 or 3; 0 when unset. */
    int phases() default 0;
}
