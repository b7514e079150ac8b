package org.infinergi.driver.ct.internal;

/** Bundle-internal service: the CT configuration in force, from the one owner of {@value CtConfig#PID}. */
public interface CtMap {

    CtConfig config();
}
