package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.PilotState;
import org.junit.jupiter.api.Test;

/**
 * {@code ChargerControl.endCharge} (API 2.1.0): a central system's RemoteStopTransaction or Reset ends the charge for
 * good — "Charging terminated" (manual §6.1.1) until the unplug, no button resumes it — and
 * {@code unlockConnector} releases the socket lock of untethered models (manual §2.6 "U").
 */
class EndChargeTest {

    private static Rig rig(Object... extra) {
        return ErrorModelTest.rig(extra);
    }

    @Test
    void anEndedCharge_stopsTheEnergy_showsTerminated_andNoButtonResumesIt() {
        Rig r = rig();
        r.charging();
        ChargerControl.Result res = r.core.endCharge("Remote");
        assertTrue(res.accepted(), res.message());
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.TERMINATED, s.state());
        assertEquals("charging terminated: Remote", s.detail());
        assertEquals(100.0, r.pilot.dutyCycle(), "PWM withdrawn first (IEC 61851-1)");
        assertFalse(r.vehicle(PilotState.B).contactorClosed(), "opens once the vehicle went to B");
        // the multifunction button's short press (manual §6.2.1) pauses while charging and resumes a pause: neither
        // applies to an ended charge
        assertFalse(r.core.resume().accepted(), "not a pause: nothing to resume");
        assertFalse(r.core.pause().accepted(), "nothing to pause");
        ChargerStatus later = r.vehicle(PilotState.C);
        later = r.cycles(20);
        assertEquals(ChargerState.TERMINATED, later.state(), "the vehicle asking again gets nothing");
        assertFalse(later.contactorClosed());
        assertTrue(r.pilot.commands().stream().filter("contactor closed"::equals).count() <= 1,
                "the contactor never closed again: " + r.pilot.commands());
    }

    @Test
    void theNextVehicle_chargesAsUsual() {
        Rig r = rig();
        r.charging();
        r.core.endCharge("Remote");
        r.cycle();
        r.vehicle(PilotState.A);
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, r.cycle().state());
        assertEquals(1, r.stored.size(), "the session ends at the unplug");
        ChargerStatus s = r.charging();
        assertEquals(ChargerState.CHARGING, s.state());
    }

    @Test
    void endCharge_refusedWithoutAVehicle() {
        Rig r = rig();
        assertFalse(r.core.endCharge("Remote").accepted());
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, r.cycle().state());
    }

    @Test
    void anEndedCharge_whileTheUserPaused_staysEnded() {
        Rig r = rig();
        r.charging();
        assertTrue(r.core.pause().accepted());
        r.cycle();
        assertTrue(r.core.endCharge("HardReset").accepted());
        assertEquals(ChargerState.TERMINATED, r.cycle().state());
        assertFalse(r.core.resume().accepted(), "the user's pause is gone with the charge");
        assertEquals(ChargerState.TERMINATED, r.cycles(3).state());
    }

    @Test
    void unlock_untethered_endsTheCharge_andAnswersOnceTheLockIsReleased() throws Exception {
        Rig r = rig("tethered", false);
        r.charging();
        assertTrue(r.lock.commanded());
        CompletableFuture<ChargerControl.Result> answer = r.core.unlockConnector().toCompletableFuture();
        assertFalse(answer.isDone(), "not before the lock is released");
        r.vehicle(PilotState.B);
        for (int i = 0; i < 5 && !answer.isDone(); i++) {
            r.cycle();
        }
        assertTrue(answer.isDone());
        assertTrue(answer.get().accepted(), answer.get().message());
        assertFalse(r.lock.commanded());
        assertFalse(r.pilot.contactorCommanded(), "released only with the contactor open");
        assertEquals(ChargerState.TERMINATED, r.core.status().state(), "the charge was ended");
        assertEquals(List.of(false, true, false), r.lock.commands());
    }

    @Test
    void unlock_withoutACharge_isAnsweredByTheNextCycle() throws Exception {
        Rig r = rig("tethered", false);
        CompletableFuture<ChargerControl.Result> answer = r.core.unlockConnector().toCompletableFuture();
        r.cycle();
        assertTrue(answer.get().accepted(), answer.get().message());
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, r.cycle().state());
    }

    @Test
    void unlock_aJammedLock_failsWithD5() throws Exception {
        Rig r = rig("tethered", false);
        r.charging();
        r.lock.jam(true);
        CompletableFuture<ChargerControl.Result> answer = r.core.unlockConnector().toCompletableFuture();
        r.vehicle(PilotState.B);
        for (int i = 0; i < 100 && !answer.isDone(); i++) {
            r.cycle();
        }
        assertTrue(answer.isDone());
        assertFalse(answer.get().accepted());
        assertTrue(answer.get().message().contains("D5"), answer.get().message());
        assertEquals("D5", r.core.status().error());
    }

    @Test
    void unlock_tethered_isRefusedAtOnce() throws Exception {
        Rig r = rig();
        CompletableFuture<ChargerControl.Result> answer = r.core.unlockConnector().toCompletableFuture();
        assertTrue(answer.isDone());
        assertFalse(answer.get().accepted());
        assertTrue(answer.get().message().contains("tethered"), answer.get().message());
        assertNull(r.cycle().error());
    }
}
