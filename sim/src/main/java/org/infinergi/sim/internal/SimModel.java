package org.infinergi.sim.internal;

/** Bundle-internal service: the model the simulated world is built as (its label's phases and cable). */
public interface SimModel {

    DeviceKeys device();
}
