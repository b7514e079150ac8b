package org.infinergi.driver.modbusmeters.bus.internal;

/** The lines of this charger, shared by the configured meters (a service inside this bundle). */
public interface BusRegistry {

    /**
     * Polls {@code poller} every {@code periodMs} on the line of {@code endpoint}, opening the line on first use.
     *
     * @return closing it stops the polling, and closes the line when it was the last meter on it
     */
    AutoCloseable attach(Endpoint endpoint, MeterPoller poller, long periodMs);

    /**
     * Claims the station's one vehicle meter (manual §4.7: "only one MID meter per charging station") for the
     * configuration {@code name}. The same configuration may claim it more than once (a new configuration of the
     * meter claims before the previous one gives its claim back); it is free again once every claim is given back.
     *
     * @return closing it gives the claim back
     * @throws IllegalArgumentException when another configuration holds it, naming that one (the reason a status lists)
     */
    AutoCloseable claimVehicleMeter(String name);
}
