package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.infinergi.core.charging.api.Limit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** SetChargingProfile's checks, ClearChargingProfile, GetCompositeSchedule, the limit and the store. */
class SmartChargingTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final long TX_KEY = NOW.minusSeconds(60).toEpochMilli();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
    @TempDir
    Path dir;

    private SmartCharging smart(ProfileStore store) {
        return new SmartCharging(null, new Frames(), keys, store, clock, () -> 3, 32);
    }

    private static ObjectNode set(int connectorId, String profile) {
        return Profiles.json("{'connectorId':" + connectorId + ",'csChargingProfiles':" + profile + "}");
    }

    private static String profile(int id, String purpose, int stackLevel, double limit) {
        return "{'chargingProfileId':" + id + ",'stackLevel':" + stackLevel + ",'chargingProfilePurpose':'" + purpose
                + "','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A',"
                + "'chargingSchedulePeriod':[{'startPeriod':0,'limit':" + limit + "}]}}";
    }

    private static String status(ObjectNode conf) {
        return conf.get("status").asText();
    }

    @Test
    void aTxProfile_lowersTheLimit_namingTheProfile_andGoesWithItsTransaction() {
        SmartCharging s = smart(ProfileStore.inMemory());
        assertEquals(new Limit(SmartCharging.NO_LIMIT_A, SmartCharging.SOURCE, "no charging profile in effect"),
                s.currentLimit());
        s.started(TX_KEY, null, false);
        s.confirmed(TX_KEY, 42, "Accepted");
        assertEquals("Accepted", status(s.setChargingProfile(set(1, profile(7, "TxProfile", 0, 10)))));
        Limit l = s.currentLimit();
        assertEquals(10, l.amps());
        assertEquals("OCPP charging profile 7 (TxProfile)", l.source());
        assertTrue(l.detail().contains("stack level 0"), l.detail());
        s.stopped(TX_KEY);
        assertEquals(SmartCharging.SOURCE, s.currentLimit().source());
        assertTrue(s.profiles().isEmpty(), "a TxProfile ends with its transaction");
    }

    @Test
    void aLimitBelow6A_isPassedOn_theCoreDecidesToPause() {
        SmartCharging s = smart(ProfileStore.inMemory());
        assertEquals("Accepted", status(s.setChargingProfile(set(0, profile(1, "TxDefaultProfile", 0, 4)))));
        assertEquals(4, s.currentLimit().amps());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "connector 2 | 2 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "ChargePointMaxProfile on connector 1 | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'ChargePointMaxProfile','chargingProfileKind':'Absolute','chargingSchedule':{'startSchedule':'2026-12-01T00:00:00Z','chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "ChargePointMaxProfile Relative | 0 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'ChargePointMaxProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "TxProfile on connector 0 | 0 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "TxProfile of another transaction | 1 | {'chargingProfileId':1,'transactionId':41,'stackLevel':0,'chargingProfilePurpose':'TxProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "transactionId on a TxDefaultProfile | 1 | {'chargingProfileId':1,'transactionId':42,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "stack level above ChargeProfileMaxStackLevel | 1 | {'chargingProfileId':1,'stackLevel':9,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "negative stack level | 1 | {'chargingProfileId':1,'stackLevel':-1,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "no period | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[]}}",
        "first period not at 0 | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':60,'limit':10}]}}",
        "periods out of order | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10},{'startPeriod':600,'limit':8},{'startPeriod':300,'limit':9}]}}",
        "negative limit | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':-1}]}}",
        "four phases | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10,'numberPhases':4}]}}",
        "duration 0 | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'duration':0,'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "negative minChargingRate | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Relative','chargingSchedule':{'minChargingRate':-6,'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "Recurring without recurrencyKind | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Recurring','chargingSchedule':{'startSchedule':'2026-12-01T00:00:00Z','chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "Recurring without startSchedule | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Recurring','recurrencyKind':'Daily','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "recurrencyKind on an Absolute profile | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Absolute','recurrencyKind':'Daily','chargingSchedule':{'startSchedule':'2026-12-01T00:00:00Z','chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "Absolute without startSchedule | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Absolute','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
        "validTo before validFrom | 1 | {'chargingProfileId':1,'stackLevel':0,'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Relative','validFrom':'2026-12-08T00:00:00Z','validTo':'2026-12-07T00:00:00Z','chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':10}]}}",
    })
    void setChargingProfile_isRejected_andChangesNothing(String why, int connectorId, String profile) {
        SmartCharging s = smart(ProfileStore.inMemory());
        s.started(TX_KEY, 42, false);
        assertEquals("Rejected", status(s.setChargingProfile(set(connectorId, profile))), why);
        assertTrue(s.profiles().isEmpty(), why);
    }

    @Test
    void aTxProfile_withoutATransaction_isRejected() {
        SmartCharging s = smart(ProfileStore.inMemory());
        assertEquals("Rejected", status(s.setChargingProfile(set(1, profile(1, "TxProfile", 0, 10)))));
        s.started(TX_KEY, null, false);
        assertEquals("Accepted", status(s.setChargingProfile(set(1, profile(1, "TxProfile", 0, 10)))));
    }

    @Test
    void moreThanMaxChargingProfilesInstalled_isRejected_butAReplacementIsNot() {
        SmartCharging s = smart(ProfileStore.inMemory());
        for (int i = 0; i < 9; i++) {
            assertEquals("Accepted", status(s.setChargingProfile(set(1, profile(i, "TxDefaultProfile", i, 16)))));
        }
        assertEquals("Accepted", status(s.setChargingProfile(set(0, profile(9, "ChargePointMaxProfile", 0, 16)
                .replace("Relative", "Absolute").replace("{'chargingRateUnit'",
                        "{'startSchedule':'2026-12-01T00:00:00Z','chargingRateUnit'")))));
        assertEquals(10, s.profiles().size());
        assertEquals("Rejected", status(s.setChargingProfile(set(0, profile(10, "ChargePointMaxProfile", 1, 16)
                .replace("Relative", "Absolute").replace("{'chargingRateUnit'",
                        "{'startSchedule':'2026-12-01T00:00:00Z','chargingRateUnit'")))));
        assertEquals("Accepted", status(s.setChargingProfile(set(1, profile(3, "TxDefaultProfile", 3, 12)))),
                "the same id replaces");
        assertEquals("Accepted", status(s.setChargingProfile(set(1, profile(20, "TxDefaultProfile", 4, 11)))),
                "the same stack level and purpose replaces");
        assertEquals(10, s.profiles().size());
        assertTrue(s.profiles().stream().noneMatch(p -> p.id() == 4));
    }

    @Test
    void aUnitTheKeysDoNotAllow_isRejected() {
        assertNull(SmartCharging.rejection(Profiles.of(1, profile(1, "TxDefaultProfile", 0, 10).replace("'A'",
                "'W'")), SmartCharging.Tx.NONE, List.of(), keys), "W is allowed (Current,Power)");
        assertEquals("Rejected", keys.change(ConfigurationKeys.CHARGING_SCHEDULE_ALLOWED_CHARGING_RATE_UNIT,
                "Current").name(), "read-only");
    }

    @Test
    void clearChargingProfile_byId_connector_purpose_stackLevel_orAll() {
        SmartCharging s = smart(ProfileStore.inMemory());
        s.started(TX_KEY, 42, true);
        s.setChargingProfile(set(1, profile(1, "TxDefaultProfile", 0, 16)));
        s.setChargingProfile(set(0, profile(2, "TxDefaultProfile", 1, 16)));
        s.setChargingProfile(set(1, profile(3, "TxProfile", 0, 10)));
        s.setChargingProfile(set(1, profile(4, "TxProfile", 2, 10)));
        assertEquals(4, s.profiles().size());
        assertEquals("Unknown", status(s.clearChargingProfile(Profiles.json("{'id':99}"))));
        assertEquals("Accepted", status(s.clearChargingProfile(Profiles.json("{'id':1,'connectorId':0}"))),
                "the id alone decides");
        assertEquals(List.of(2, 3, 4), s.profiles().stream().map(ChargingProfile::id).toList());
        assertEquals("Accepted", status(s.clearChargingProfile(Profiles.json(
                "{'chargingProfilePurpose':'TxProfile','stackLevel':2}"))));
        assertEquals(List.of(2, 3), s.profiles().stream().map(ChargingProfile::id).toList());
        assertEquals("Unknown", status(s.clearChargingProfile(Profiles.json(
                "{'connectorId':1,'chargingProfilePurpose':'TxDefaultProfile'}"))));
        assertEquals("Accepted", status(s.clearChargingProfile(Profiles.json("{'connectorId':0}"))));
        assertEquals(List.of(3), s.profiles().stream().map(ChargingProfile::id).toList());
        assertEquals("Accepted", status(s.clearChargingProfile(Profiles.json("{}"))));
        assertTrue(s.profiles().isEmpty());
    }

    @Test
    void getCompositeSchedule_inTheUnitAsked_andRejectedForAConnectorThatDoesNotExist() {
        SmartCharging s = smart(ProfileStore.inMemory());
        s.setChargingProfile(set(1, profile(1, "TxDefaultProfile", 0, 16)));
        ObjectNode a = s.getCompositeSchedule(Profiles.json("{'connectorId':1,'duration':600}"));
        assertEquals("Accepted", status(a));
        assertEquals("A", a.at("/chargingSchedule/chargingRateUnit").asText());
        assertEquals(16, a.at("/chargingSchedule/chargingSchedulePeriod/0/limit").asDouble());
        assertEquals(NOW.toString(), a.get("scheduleStart").asText());
        ObjectNode w = s.getCompositeSchedule(Profiles.json("{'connectorId':1,'duration':600,'chargingRateUnit':'W'}"));
        assertEquals(11040, w.at("/chargingSchedule/chargingSchedulePeriod/0/limit").asDouble());
        assertEquals("Rejected", status(s.getCompositeSchedule(Profiles.json("{'connectorId':2,'duration':600}"))));
        assertTrue(OcppSchemas.load().confirmation("GetCompositeSchedule", a).isEmpty(), a.toString());
    }

    @Test
    void theProfiles_areKeptAcrossARestart_andTxProfilesOnlyWithTheirTransaction() throws Exception {
        Path file = dir.resolve("profiles.json");
        SmartCharging before = smart(new ProfileStore(file));
        before.started(TX_KEY, 42, true);
        before.setChargingProfile(set(1, profile(1, "TxDefaultProfile", 0, 16)));
        before.setChargingProfile(set(1, profile(2, "TxProfile", 0, 9)));
        assertTrue(Files.exists(file));
        assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".tmp")), "the temporary file is gone");

        // restarted during the transaction: both stay, the TxProfile still sets the limit
        SmartCharging during = smart(new ProfileStore(file));
        during.started(TX_KEY, 42, true);
        during.dropTxProfilesWithoutTransaction();
        assertEquals(List.of(1, 2), during.profiles().stream().map(ChargingProfile::id).toList());
        assertEquals(9, during.currentLimit().amps());

        // restarted after it: the TxProfile is gone, from the file too
        SmartCharging after = smart(new ProfileStore(file));
        after.dropTxProfilesWithoutTransaction();
        assertEquals(List.of(1), after.profiles().stream().map(ChargingProfile::id).toList());
        assertEquals(List.of(1), smart(new ProfileStore(file)).profiles().stream().map(ChargingProfile::id).toList());
    }

    @Test
    void aStoreThatFailsItsChecksum_isSetAside_andNoProfileIsLoaded() throws Exception {
        Path file = dir.resolve("profiles.json");
        smart(new ProfileStore(file)).setChargingProfile(set(1, profile(1, "TxDefaultProfile", 0, 16)));
        Files.writeString(file, Files.readString(file).replace("16", "61"));
        assertTrue(smart(new ProfileStore(file)).profiles().isEmpty());
        assertTrue(Files.exists(dir.resolve("profiles.json.corrupt")));
    }
}
