package org.infinergi.feature.panel.internal;

/** The key of {@code org.infinergi.installation} the logo needs (manual §4.10 yellow blinking); core's default. */
@interface InstallationKeys {

    boolean installationComplete() default false;
}
