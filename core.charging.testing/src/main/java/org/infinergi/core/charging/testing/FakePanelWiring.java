package org.infinergi.core.charging.testing;

import org.infinergi.core.charging.hal.GpioPin;
import org.infinergi.core.charging.hal.PanelWiring;

/**
 * The front panel's pins as the panel's default configuration has them (feature.panel's test checks that the two
 * agree), for tests of what sits under the panel driver. Keys can be made active low.
 */
public final class FakePanelWiring implements PanelWiring {

    private volatile boolean keysActiveHigh = true;

    public FakePanelWiring keysActiveHigh(boolean value) {
        keysActiveHigh = value;
        return this;
    }

    private GpioPin key(int address) {
        return new GpioPin(address, keysActiveHigh);
    }

    @Override
    public GpioPin ledRed() {
        return new GpioPin(13, true);
    }

    @Override
    public GpioPin ledGreen() {
        return new GpioPin(19, true);
    }

    @Override
    public GpioPin ledBlue() {
        return new GpioPin(26, true);
    }

    @Override
    public GpioPin multiButton() {
        return key(5);
    }

    @Override
    public GpioPin centerButton() {
        return key(5);
    }

    @Override
    public GpioPin upButton() {
        return key(17);
    }

    @Override
    public GpioPin downButton() {
        return key(27);
    }

    @Override
    public GpioPin leftButton() {
        return key(22);
    }

    @Override
    public GpioPin rightButton() {
        return key(4);
    }

    @Override
    public GpioPin panelProbe() {
        return new GpioPin(2, true);
    }

    @Override
    public GpioPin panelEcho() {
        return new GpioPin(3, true);
    }
}
