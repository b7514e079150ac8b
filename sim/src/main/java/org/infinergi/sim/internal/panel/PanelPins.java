package org.infinergi.sim.internal.panel;

/**
 * The keys of the front panel's configuration (PID {@code org.infinergi.panel}, feature.panel) that the
 * simulated panel board must know: which pins the LED, keys and panel link use. The defaults equal
 * feature.panel's; the sim's panel component takes that PID, so one .cfg moves both.
 */
public @interface PanelPins {

    int ledRedAddress() default 13;

    int ledGreenAddress() default 19;

    int ledBlueAddress() default 26;

    int multiButtonAddress() default 5;

    int centerButtonAddress() default 5;

    int upButtonAddress() default 17;

    int downButtonAddress() default 27;

    int leftButtonAddress() default 22;

    int rightButtonAddress() default 4;

    boolean buttonsActiveHigh() default true;

    int panelProbeAddress() default 2;

    int panelEchoAddress() default 3;
}
