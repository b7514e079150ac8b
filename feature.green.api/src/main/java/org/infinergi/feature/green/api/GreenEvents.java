package org.infinergi.feature.green.api;

/**
 * The Event Admin topics of Boost (manual §5.5), in the style of {@code ChargerEvents} (docs/events.md): posted, never
 * sent; property values are strings, numbers and booleans; every event carries {@code ChargerEvents.TIMESTAMP}
 * ({@code "timestamp"}, epoch milliseconds). For the display's Boost key, the logo and a central system.
 *
 * @since 1.1.0
 */
public final class GreenEvents {

    /** Boost was switched on: {@link #TARGET_WH}. */
    public static final String BOOST_STARTED = "org/infinergi/green/boost/STARTED";
    /**
     * Boost ended — its energy delivered, the charge ended, switched off, or the mode is no longer Green: {@link
     * #TARGET_WH}, {@link #DELIVERED_WH}, {@code reason} ({@code ChargerEvents.REASON}).
     */
    public static final String BOOST_STOPPED = "org/infinergi/green/boost/STOPPED";
    /** Every Boost topic. */
    public static final String BOOST_ALL = "org/infinergi/green/boost/*";

    /** {@code Double}: energy after which Boost ends by itself, Wh; 0 = until the charge ends or it is switched off. */
    public static final String TARGET_WH = "targetWh";
    /** {@code Double}: energy delivered to the car while Boost was on, Wh. */
    public static final String DELIVERED_WH = "deliveredWh";

    private GreenEvents() {
    }
}
