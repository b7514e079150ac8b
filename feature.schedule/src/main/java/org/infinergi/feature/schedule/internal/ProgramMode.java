package org.infinergi.feature.schedule.internal;

/** What a program does (manual §5.1.3): charge Fast or Green, or not at all (Off, §5.1.5: only in a program). */
enum ProgramMode {
    FAST("Fast"), GREEN("Green"), OFF("Off");

    private final String text;

    ProgramMode(String text) {
        this.text = text;
    }

    /** As the manual names it. */
    String text() {
        return text;
    }
}
