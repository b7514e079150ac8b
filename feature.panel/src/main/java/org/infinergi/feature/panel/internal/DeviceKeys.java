package org.infinergi.feature.panel.internal;

/** The key of {@code org.infinergi.device} the panel needs: the model (manual §2.6, -DR = display + five keys). */
@interface DeviceKeys {

    String model() default "INFINERGI";
}
