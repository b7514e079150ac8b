package org.infinergi.feature.panel.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The front panel: pins (BCM numbers on the box board), timings, factory reset. */
@ObjectClassDefinition(name = "infinergi front panel",
        description = "Logo LED (manual §8), buzzer (§9.1), buttons (§6.2), panel link (§9.1 D1).")
public @interface PanelConfig {

    /** Configuration PID. */
    String PID = "org.infinergi.panel";

    @AttributeDefinition(name = "LED red pin", description = "Output driving the logo's red die.")
    int ledRedAddress() default 13;

    @AttributeDefinition(name = "LED green pin", description = "Output driving the logo's green die.")
    int ledGreenAddress() default 19;

    @AttributeDefinition(name = "LED blue pin", description = "Output driving the logo's blue die.")
    int ledBlueAddress() default 26;

    @AttributeDefinition(name = "LED output type", description = "DIGITAL: on/off outputs. PWM: software PWM "
            + "channels at the brightness below.", options = {
                    @Option(label = "Digital outputs", value = "DIGITAL"), @Option(label = "PWM", value = "PWM")})
    String ledOutput() default "DIGITAL";

    @AttributeDefinition(name = "LED brightness", description = "Duty cycle of a lit die with PWM output, percent.",
            min = "1", max = "100")
    int ledBrightnessPct() default 100;

    @AttributeDefinition(name = "LED PWM frequency", description = "Hz, with PWM output.", min = "50", max = "10000")
    int ledPwmFrequencyHz() default 1000;

    @AttributeDefinition(name = "Buzzer pin", description = "Output driving the buzzer (high = sound).")
    int buzzerAddress() default 6;

    @AttributeDefinition(name = "Buttons sound", description = "Manual §7.2.2: a short acoustic signal when a key is "
            + "pressed.")
    boolean buttonsSound() default true;

    @AttributeDefinition(name = "Error acoustic signal", description = "Manual §9.1: for a limited time the error "
            + "blinks are accompanied by an acoustic signal; seconds (0 = silent).", min = "0", max = "600")
    int errorBuzzerS() default 10;

    @AttributeDefinition(name = "Keypad", description = "AUTO: five keys on -DR models (manual §2.6), else the "
            + "multifunction button (§6.2.1).", options = {@Option(label = "From the model", value = "AUTO"),
                    @Option(label = "Multifunction button", value = "MULTIFUNCTION"),
                    @Option(label = "Five navigation keys", value = "FIVE_KEYS")})
    String keypad() default "AUTO";

    @AttributeDefinition(name = "Multifunction button pin", description = "Models without display, manual §6.2.1.")
    int multiButtonAddress() default 5;

    @AttributeDefinition(name = "Center key pin", description = "Models with display, §6.2.2 (same position as "
            + "the multifunction button on the other panel).")
    int centerButtonAddress() default 5;

    @AttributeDefinition(name = "Up key pin")
    int upButtonAddress() default 17;

    @AttributeDefinition(name = "Down key pin")
    int downButtonAddress() default 27;

    @AttributeDefinition(name = "Left key pin")
    int leftButtonAddress() default 22;

    @AttributeDefinition(name = "Right key pin")
    int rightButtonAddress() default 4;

    @AttributeDefinition(name = "Buttons active high", description = "true: a pressed key reads high (pull-down).")
    boolean buttonsActiveHigh() default true;

    @AttributeDefinition(name = "Short press", description = "Manual §6.2.1 'less than 1 second', milliseconds.")
    int shortPressMaxMs() default 1000;

    @AttributeDefinition(name = "Restart hold", description = "Manual §6.2: held this long = device restart, seconds.")
    int restartHoldS() default 30;

    @AttributeDefinition(name = "Factory reset hold", description = "Manual §6.2: held this long = factory reset, "
            + "seconds.")
    int factoryResetHoldS() default 60;

    @AttributeDefinition(name = "Factory defaults", description = "Folder of the model's default <pid>.cfg files; "
            + "empty = ${karaf.etc}/factory.")
    String factoryDir() default "";

    @AttributeDefinition(name = "Factory reset erases history", description = "Manual §6.2: history is kept unless "
            + "the installer chooses otherwise.")
    boolean factoryResetErasesHistory() default false;

    @AttributeDefinition(name = "Kept by factory reset", description = "PIDs a factory reset never touches (the "
            + "unit's identity written at end of line).")
    String[] factoryResetKeepPids() default {"org.infinergi.device"};

    @AttributeDefinition(name = "Panel probe pin", description = "Output to the panel board; the panel loops it "
            + "back on the echo pin (manual §9.1 D1). Not 2: pi4j reserves each number once per board, and chip "
            + "select 2 is the wired CTs' ADC (org.infinergi.driver.ct).")
    int panelProbeAddress() default 11;

    @AttributeDefinition(name = "Panel echo pin", description = "Input from the panel board: the probe looped back.")
    int panelEchoAddress() default 3;

    @AttributeDefinition(name = "Panel poll period", description = "Milliseconds between two probe toggles.",
            min = "20", max = "10000")
    int panelPollMs() default 200;

    @AttributeDefinition(name = "Panel missed polls", description = "Consecutive unanswered polls before the panel "
            + "counts as silent (D1).", min = "1", max = "100")
    int panelMissedPolls() default 3;

    @AttributeDefinition(name = "Tick", description = "Panel loop period while something moves (a key held, the "
            + "buzzer, a blinking logo), milliseconds.", min = "5", max = "200")
    int tickMs() default 20;

    @AttributeDefinition(name = "Idle tick", description = "Panel loop period while the logo is steady, the buzzer "
            + "silent and no key held, milliseconds (never shorter than the tick). A key pressed or released, a "
            + "status change and a card event wake the loop at once; the default is the panel poll period, so an "
            + "idle tick is the panel link's poll.", min = "5", max = "1000")
    int idleTickMs() default 200;
}
