package org.infinergi.core.charging.internal;

/** Earthing arrangement of the installation, manual §4.10 / §7.1.1. */
enum Earthing {
    TN_TT,
    IT
}
