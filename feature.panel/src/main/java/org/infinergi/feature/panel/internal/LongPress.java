package org.infinergi.feature.panel.internal;

/**
 * Press-duration logic of manual §6.2 for one key (or the left+right pair), fed with the key's level at
 * each tick. Pure and clock-free: the caller passes the time.
 *
 * <p>Manual §6.2.1: less than 1 s = charging management; 30 s = restart; 60 s = factory reset, "after the
 * first 30 seconds, the device will restart. Keep the button pressed for further 30 seconds to restore the
 * factory settings". A restart while the key is still held would make the 60 s reset unreachable (the
 * firmware cannot count one press across its own restart), so at 30 s the restart is announced
 * ({@link Action#RESTART_ARMED}, a beep) and happens on release; reaching 60 s resets and restarts.
 *
 * <p>A key found pressed when the logic starts (held through a restart, or a stuck key) is ignored until it
 * has been seen released once.
 */
final class LongPress {

    enum Action { SHORT_PRESS, RESTART_ARMED, RESTART, FACTORY_RESET }

    private final long shortMaxMs;
    private final long restartMs;
    private final long resetMs;

    private boolean armed;
    private boolean down;
    private long downAt;
    private boolean restartAnnounced;
    private boolean resetDone;

    LongPress(long shortMaxMs, long restartMs, long resetMs) {
        if (!(shortMaxMs < restartMs && restartMs < resetMs)) {
            throw new IllegalArgumentException("need short < restart < reset hold, was " + shortMaxMs + ", "
                    + restartMs + ", " + resetMs);
        }
        this.shortMaxMs = shortMaxMs;
        this.restartMs = restartMs;
        this.resetMs = resetMs;
    }

    /** The action the key's level at {@code nowMs} triggers, or null. */
    Action update(boolean pressed, long nowMs) {
        if (!armed) {
            armed = !pressed;
            return null;
        }
        if (pressed && !down) {
            down = true;
            downAt = nowMs;
            restartAnnounced = false;
            resetDone = false;
            return null;
        }
        if (pressed) {
            long held = nowMs - downAt;
            if (!resetDone && held >= resetMs) {
                resetDone = true;
                return Action.FACTORY_RESET;
            }
            if (!restartAnnounced && held >= restartMs) {
                restartAnnounced = true;
                return Action.RESTART_ARMED;
            }
            return null;
        }
        if (down) {
            down = false;
            long held = nowMs - downAt;
            if (resetDone) {
                return null;
            }
            if (held >= restartMs) {
                return Action.RESTART;
            }
            return held < shortMaxMs ? Action.SHORT_PRESS : null;
        }
        return null;
    }
}
