package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.infinergi.feature.ocpp.internal.CompositeSchedule.Context;
import org.infinergi.feature.ocpp.internal.CompositeSchedule.Slot;
import org.junit.jupiter.api.Test;

/** OCPP 1.6 §3.13's composite schedule as a pure function of the profiles, a time and the transaction. */
class CompositeScheduleTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private static final Context NO_TX = Context.none(3);
    private static final Context TX_42 = new Context(true, 42, T0.minusSeconds(600), 3);

    private static double at(List<ChargingProfile> ps, Instant t, Context c) {
        return CompositeSchedule.at(ps, 1, t, t, c).orElseThrow().amps();
    }

    private static String who(List<ChargingProfile> ps, Instant t, Context c) {
        return CompositeSchedule.at(ps, 1, t, t, c).orElseThrow().profile().label();
    }

    @Test
    void theHighestStackLevelInEffect_wins_andALowerOneShowsWhenItEnds() {
        ChargingProfile low = Profiles.absolute(1, 1, "TxDefaultProfile", 0, "2026-12-07T00:00:00Z", 16, "A");
        ChargingProfile high = Profiles.of(1, "{'chargingProfileId':2,'stackLevel':3,'chargingProfilePurpose':"
                + "'TxDefaultProfile','chargingProfileKind':'Absolute','chargingSchedule':{'duration':3600,"
                + "'startSchedule':'2026-12-07T12:00:00Z','chargingRateUnit':'A','chargingSchedulePeriod':"
                + "[{'startPeriod':0,'limit':10}]}}");
        List<ChargingProfile> ps = List.of(high, low);
        assertEquals(10, at(ps, T0.plusSeconds(10), NO_TX));
        assertEquals(16, at(ps, T0.plusSeconds(3600), NO_TX), "the high one's duration is over");
        assertEquals(16, at(ps, T0.minusSeconds(1), NO_TX), "the high one has not begun");
        assertTrue(CompositeSchedule.at(List.of(high), 1, T0.plusSeconds(3600), T0, NO_TX).isEmpty());
    }

    @Test
    void chargePointMax_capsTheTransactionsProfile_andTheLowerOneNamesTheLimit() {
        ChargingProfile max = Profiles.absolute(0, 1, "ChargePointMaxProfile", 0, "2026-12-01T00:00:00Z", 20, "A");
        ChargingProfile def = Profiles.absolute(0, 2, "TxDefaultProfile", 0, "2026-12-01T00:00:00Z", 25, "A");
        ChargingProfile tx = Profiles.absolute(1, 3, "TxProfile", 0, "2026-12-01T00:00:00Z", 12, "A");
        assertEquals(20, at(List.of(max, def), T0, NO_TX));
        assertEquals("OCPP charging profile 1 (ChargePointMaxProfile)", who(List.of(max, def), T0, NO_TX));
        assertEquals(12, at(List.of(max, def, tx), T0, TX_42), "the TxProfile replaces the TxDefaultProfile");
        assertEquals("OCPP charging profile 3 (TxProfile)", who(List.of(max, def, tx), T0, TX_42));
        assertEquals(20, at(List.of(max, def, tx), T0, NO_TX), "a TxProfile without its transaction is nothing");
        assertEquals(20, CompositeSchedule.at(List.of(max, def, tx), 0, T0, T0, TX_42).orElseThrow().amps(),
                "connector 0: the charge point's maximum alone");
    }

    @Test
    void aTxProfile_appliesOnlyToTheTransactionItNames() {
        ChargingProfile tx = Profiles.of(1, "{'chargingProfileId':3,'transactionId':41,'stackLevel':0,"
                + "'chargingProfilePurpose':'TxProfile','chargingProfileKind':'Relative','chargingSchedule':"
                + "{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':8}]}}");
        assertTrue(CompositeSchedule.at(List.of(tx), 1, T0, T0, TX_42).isEmpty());
        assertEquals(8, at(List.of(tx), T0, new Context(true, 41, T0, 3)));
    }

    @Test
    void aDefaultOfConnector1_goesBeforeOneOfConnector0() {
        ChargingProfile zero = Profiles.absolute(0, 1, "TxDefaultProfile", 5, "2026-12-01T00:00:00Z", 10, "A");
        ChargingProfile one = Profiles.absolute(1, 2, "TxDefaultProfile", 1, "2026-12-01T00:00:00Z", 14, "A");
        assertEquals(14, at(List.of(zero, one), T0, NO_TX));
    }

    @Test
    void validFromAndValidTo_boundTheProfile() {
        ChargingProfile p = Profiles.of(1, "{'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':"
                + "'TxDefaultProfile','chargingProfileKind':'Absolute','validFrom':'2026-12-07T12:00:00Z',"
                + "'validTo':'2026-12-07T13:00:00Z','chargingSchedule':{'startSchedule':'2026-12-01T00:00:00Z',"
                + "'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':9}]}}");
        assertTrue(CompositeSchedule.at(List.of(p), 1, T0.minusSeconds(1), T0, NO_TX).isEmpty());
        assertEquals(9, at(List.of(p), T0, NO_TX), "validFrom inclusive");
        assertEquals(9, at(List.of(p), T0.plusSeconds(3599), NO_TX));
        assertTrue(CompositeSchedule.at(List.of(p), 1, T0.plusSeconds(3600), T0, NO_TX).isEmpty(),
                "validTo exclusive");
    }

    @Test
    void aDailyProfile_recursEveryDay_andAWeeklyOneEveryWeek() {
        // 18:00–22:00 at 6 A, the rest of the day 32 A
        String daily = "{'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile',"
                + "'chargingProfileKind':'Recurring','recurrencyKind':'%s','chargingSchedule':{'startSchedule':"
                + "'2026-11-30T00:00:00Z','chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,"
                + "'limit':32},{'startPeriod':64800,'limit':6},{'startPeriod':79200,'limit':32}]}}";
        ChargingProfile d = Profiles.of(1, String.format(daily, "Daily"));
        assertEquals(6, at(List.of(d), Instant.parse("2026-12-07T19:00:00Z"), NO_TX));
        assertEquals(32, at(List.of(d), Instant.parse("2026-12-07T23:00:00Z"), NO_TX));
        assertEquals(6, at(List.of(d), Instant.parse("2026-12-20T18:00:00Z"), NO_TX));
        assertEquals(6, at(List.of(d), Instant.parse("2026-11-29T18:30:00Z"), NO_TX), "before startSchedule too");
        // Weekly: the same offsets from Monday 2026-11-30 00:00 only
        ChargingProfile w = Profiles.of(1, String.format(daily, "Weekly"));
        assertEquals(6, at(List.of(w), Instant.parse("2026-12-07T19:00:00Z"), NO_TX), "a Monday");
        assertEquals(32, at(List.of(w), Instant.parse("2026-12-08T19:00:00Z"), NO_TX), "a Tuesday: still period 2");
        assertEquals(6, at(List.of(w), Instant.parse("2026-12-14T18:00:00Z"), NO_TX), "next Monday");
    }

    @Test
    void aRelativeProfile_startsWithTheTransaction() {
        ChargingProfile r = Profiles.of(1, "{'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':"
                + "'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A',"
                + "'chargingSchedulePeriod':[{'startPeriod':0,'limit':10},{'startPeriod':900,'limit':20}]}}");
        // the transaction began 600 s before T0: 20 A from T0 + 300 s
        assertEquals(10, at(List.of(r), T0.plusSeconds(299), TX_42));
        assertEquals(20, at(List.of(r), T0.plusSeconds(300), TX_42));
        assertEquals(10, at(List.of(r), T0, NO_TX), "no transaction: from the computation's start");
    }

    @Test
    void watts_becomeAmperesPerPhase_withThePhasesInUse_andTheNominalVoltage() {
        ChargingProfile w = Profiles.absolute(1, 1, "TxDefaultProfile", 0, "2026-12-01T00:00:00Z", 6900, "W");
        assertEquals(10, at(List.of(w), T0, Context.none(3)), 1e-9);
        assertEquals(30, at(List.of(w), T0, Context.none(1)), 1e-9);
        assertEquals(6900, CompositeSchedule.inUnit(10, "W", 3));
        assertEquals(16.6, CompositeSchedule.inUnit(16.666, "A", 3), "down to the 0.1 the schema allows");
    }

    @Test
    void belowTheMinimumChargingRate_theLimitIsZero() {
        ChargingProfile p = Profiles.of(1, "{'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':"
                + "'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A',"
                + "'minChargingRate':8,'chargingSchedulePeriod':[{'startPeriod':0,'limit':7},"
                + "{'startPeriod':60,'limit':9}]}}");
        assertEquals(0, at(List.of(p), T0, TX_42.withStart(T0)));
        assertEquals(9, at(List.of(p), T0.plusSeconds(60), TX_42.withStart(T0)));
    }

    @Test
    void theCompositeSchedule_changesOnlyWhereTheLimitDoes_inTheUnitAsked() {
        ChargingProfile max = Profiles.absolute(0, 1, "ChargePointMaxProfile", 0, "2026-12-01T00:00:00Z", 24, "A");
        ChargingProfile tx = Profiles.of(1, "{'chargingProfileId':2,'stackLevel':1,'chargingProfilePurpose':"
                + "'TxProfile','chargingProfileKind':'Absolute','chargingSchedule':{'duration':1800,"
                + "'startSchedule':'2026-12-07T12:10:00Z','chargingRateUnit':'A','chargingSchedulePeriod':"
                + "[{'startPeriod':0,'limit':10},{'startPeriod':600,'limit':10},{'startPeriod':1200,'limit':30}]}}");
        List<Slot> a = CompositeSchedule.schedule(List.of(max, tx), 1, T0, 3600, "A", TX_42, 32);
        assertEquals(List.of(new Slot(0, 24), new Slot(600, 10), new Slot(1800, 24)), a);
        List<Slot> w = CompositeSchedule.schedule(List.of(max, tx), 1, T0, 3600, "W", TX_42, 32);
        assertEquals(List.of(new Slot(0, 16560), new Slot(600, 6900), new Slot(1800, 16560)), w);
        assertEquals(List.of(new Slot(0, 32)), CompositeSchedule.schedule(List.of(), 1, T0, 600, "A", NO_TX, 32),
                "no profile: the charger's own rating");
        assertEquals(List.of(new Slot(0, 24)), CompositeSchedule.schedule(List.of(max, tx), 0, T0, 3600, "A",
                TX_42, 32), "connector 0: the charge point's maximum");
    }

    @Test
    void theCompositeSchedule_ofADailyProfile_overTwoDays() {
        ChargingProfile d = Profiles.of(1, "{'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':"
                + "'TxDefaultProfile','chargingProfileKind':'Recurring','recurrencyKind':'Daily','chargingSchedule':"
                + "{'startSchedule':'2026-11-30T00:00:00Z','chargingRateUnit':'A','chargingSchedulePeriod':"
                + "[{'startPeriod':0,'limit':16},{'startPeriod':64800,'limit':6}]}}");
        List<Slot> s = CompositeSchedule.schedule(List.of(d), 1, T0, 2 * 86_400, "A", NO_TX, 32);
        assertEquals(List.of(new Slot(0, 16), new Slot(21_600, 6), new Slot(43_200, 16), new Slot(108_000, 6),
                new Slot(129_600, 16)), s);
    }
}
