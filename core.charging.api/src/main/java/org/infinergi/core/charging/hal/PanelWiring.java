package org.infinergi.core.charging.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The front panel's pins as the panel driver uses them (PID {@code org.infinergi.panel}, served by its one owner):
 * logo LED dies, keys and the panel link. For what sits under the panel driver and must agree with it (the simulated
 * panel board of the sim images, a bench).
 */
@ProviderType
public interface PanelWiring {

    /** The logo's red die: a digital output or a PWM channel (active high = lit). */
    GpioPin ledRed();

    /** The logo's green die. */
    GpioPin ledGreen();

    /** The logo's blue die. */
    GpioPin ledBlue();

    /** Multifunction button (models without display, manual §6.2.1; asserted = pressed). */
    GpioPin multiButton();

    /** Center key (models with display, manual §6.2.2). */
    GpioPin centerButton();

    /** Up key. */
    GpioPin upButton();

    /** Down key. */
    GpioPin downButton();

    /** Left key. */
    GpioPin leftButton();

    /** Right key. */
    GpioPin rightButton();

    /** Output to the panel board, which loops it back on {@link #panelEcho()} (manual §9.1 D1). */
    GpioPin panelProbe();

    /** Input from the panel board: the probe looped back. */
    GpioPin panelEcho();
}
