package org.infinergi.feature.panel.internal;

/** The keys of manual §6.2: the multifunction button (§6.2.1) or the five navigation keys (§6.2.2). */
public enum Button { MULTI, CENTER, UP, DOWN, LEFT, RIGHT }
