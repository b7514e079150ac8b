package org.infinergi.core.charging.api;

/**
 * The error codes of manual §9.1 "Errors and recovery". Every error stops or suspends the charge. The
 * front logo blinks as many times as the error's {@linkplain #category() category} (manual §8, §9.1).
 */
public enum ErrorCode {
    I1(Category.INSTALLATION, "Problem with the earth connection", false),
    I2(Category.INSTALLATION, "Phase reversal", false),
    /** Clears by itself when the voltage returns above the minimum threshold. */
    I3(Category.INSTALLATION, "Undervoltage", true),
    /** Clears by itself when the voltage returns below the maximum threshold. */
    I4(Category.INSTALLATION, "Overvoltage", true),
    V1(Category.VEHICLE, "Overload", false),
    V2(Category.VEHICLE, "Ground fault", false),
    V3(Category.VEHICLE, "Non-compliant vehicle", false),
    V4(Category.VEHICLE, "Pilot problem", false),
    V5(Category.VEHICLE, "Invalid cable", false),
    D1(Category.DEVICE, "Internal communication error", false),
    D2(Category.DEVICE, "Remote communication error", false),
    D3(Category.DEVICE, "Internal hardware error", false),
    D4(Category.DEVICE, "Incorrect output voltage", false),
    D5(Category.DEVICE, "Error in locking/unlocking the connector", false),
    D6(Category.DEVICE, "Internal protective device error", false),
    /** Clears by itself when the temperature returns to the acceptable range. */
    D7(Category.DEVICE, "Overheating", true),
    D8(Category.DEVICE, "Unexpected status", false),
    D9(Category.DEVICE, "Communication error with MID meter", false);

    /** The three error categories of manual §9.1; the number is the LED blink count. */
    public enum Category {
        /** 1: incorrect wiring of the device or problems with the power supply system. */
        INSTALLATION(1),
        /** 2: problems related to the charging cable or the connected vehicle. */
        VEHICLE(2),
        /** 3: internal problems in the infinergi device. */
        DEVICE(3);

        private final int number;

        Category(int number) {
            this.number = number;
        }

        /** 1, 2 or 3, as the manual numbers them and the LED blinks them. */
        public int number() {
            return number;
        }
    }

    private final Category category;
    private final String title;
    private final boolean clearsByItself;

    ErrorCode(Category category, String title, boolean clearsByItself) {
        this.category = category;
        this.title = title;
        this.clearsByItself = clearsByItself;
    }

    public Category category() {
        return category;
    }

    /** The manual's name of the error. */
    public String title() {
        return title;
    }

    /**
     * True for the errors that clear automatically once their cause is gone (I3, I4, D7); the others wait,
     * after the cause is gone, for a recovery attempt: the multifunction button, the web or OCPP reset.
     */
    public boolean clearsByItself() {
        return clearsByItself;
    }
}
