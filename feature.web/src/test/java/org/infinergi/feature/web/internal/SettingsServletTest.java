package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.ObjectClassDefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Issue 18: the settings of manual §7.1.1, §7.2.1 and §7.2.2 through the API, from the owners' Metatype. */
class SettingsServletTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Store store = new Store();
    private final List<ConfigurationRejection> rejections = new CopyOnWriteArrayList<>();

    /** Config Admin in memory, with the owners' checks a test gives it (they run when a PID is written). */
    final class Store implements SettingsStore {
        final Map<String, Map<String, Object>> pids = new HashMap<>();
        final List<String> writes = new ArrayList<>();
        BiConsumer<String, Map<String, Object>> owner = (pid, props) -> { };

        @Override
        public Map<String, Object> read(String pid) {
            Map<String, Object> p = pids.get(pid);
            return p == null ? null : new LinkedHashMap<>(p);
        }

        @Override
        public void write(String pid, Map<String, Object> properties) throws IOException {
            writes.add(pid);
            if (properties == null) {
                pids.remove(pid);
            } else {
                pids.put(pid, new LinkedHashMap<>(properties));
            }
            owner.accept(pid, properties);
        }
    }

    private SettingsServlet servlet(Map<String, ObjectClassDefinition> model) {
        return new SettingsServlet(pids -> model.entrySet().stream().filter(e -> pids.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), store, () -> List.copyOf(rejections),
                Duration.ZERO);
    }

    private SettingsServlet servlet() {
        return servlet(FakeMetatype.fullModel());
    }

    private FakeHttp.Response call(SettingsServlet servlet, String method, String uri, String body) throws Exception {
        FakeHttp.Response resp = new FakeHttp.Response();
        FakeHttp.Request req = new FakeHttp.Request(method, uri);
        if (body != null) {
            req.body(body);
        }
        servlet.service(req.proxy(), resp.proxy());
        return resp;
    }

    private JsonNode ok(FakeHttp.Response resp) throws Exception {
        assertEquals(200, resp.status, resp.body());
        return json.readTree(resp.body());
    }

    private static JsonNode field(JsonNode form, String key) {
        for (JsonNode g : form.path("groups")) {
            for (JsonNode f : g.path("fields")) {
                if (f.path("key").asText().equals(key)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static List<String> groups(JsonNode form) {
        List<String> out = new ArrayList<>();
        form.path("groups").forEach(g -> out.add(g.path("id").asText()));
        return out;
    }

    @Test
    void theChargingSectionIsDescribedByItsOwnersMetatype_withTheValuesInForce() throws Exception {
        store.pids.put("org.infinergi.charging", new HashMap<>(Map.of("maxChargeRateA", "16", "activeMode", "GREEN")));
        JsonNode form = ok(call(servlet(), "GET", SettingsSection.CHARGING.path(), null));

        assertEquals(List.of("charging", "dlm", "boost", "meters", "green", "programmed", "ocpp"), groups(form),
                "manual §7.2.1's rows in its order");
        JsonNode max = field(form, "maxChargeRateA");
        assertEquals("Maximum charge rate (A)", max.path("label").asText());
        assertEquals("integer", max.path("type").asText());
        assertEquals(6, max.path("min").asInt(), "the range the owner's annotation declares");
        assertEquals(32, max.path("max").asInt());
        assertEquals("A", max.path("unit").asText());
        assertEquals(16, max.path("value").asInt(), "the etc file's text, as a number");
        assertEquals(32, max.path("default").asInt());
        assertEquals("GREEN", field(form, "activeMode").path("value").asText());
        assertEquals(4, field(form, "activeMode").path("options").size());
        assertEquals(0, field(form, "maxGridImportW").path("value").asInt(), "no configuration: the default");
        assertTrue(field(form, "maxGridImportW").path("max").isMissingNode(), "no upper bound declared");
        assertNull(field(form, "headroomPct"), "a DLM tuning key is not a §7.2.1 setting");
        assertNull(field(form, "authorizationKey"), "a password is never shown");
        assertTrue(field(form, "p1Days").path("list").asBoolean(), "the programs: every key of the schedule");
        assertTrue(store.writes.isEmpty(), "reading writes nothing");
    }

    /** Issue 18: a section shows only what the model has installed, asked of the runtime. */
    @Test
    void withoutGreenScheduleAndOcppBundles_thoseGroupsAndModesAreNotOffered() throws Exception {
        SettingsServlet servlet = servlet(FakeMetatype.without(
                List.of("org.infinergi.green", "org.infinergi.schedule", "org.infinergi.ocpp")));
        JsonNode form = ok(call(servlet, "GET", SettingsSection.CHARGING.path(), null));
        assertEquals(List.of("charging", "dlm", "meters"), groups(form));
        List<String> modes = new ArrayList<>();
        field(form, "activeMode").path("options").forEach(o -> modes.add(o.path("value").asText()));
        assertEquals(List.of("FAST"), modes);

        FakeHttp.Response green = call(servlet, "PUT", SettingsSection.CHARGING.path(), "{\"activeMode\":\"GREEN\"}");
        assertEquals(400, green.status);
        assertEquals("activeMode: unknown value; allowed: FAST", json.readTree(green.body()).path("error").asText());
        FakeHttp.Response boost = call(servlet, "PUT", SettingsSection.CHARGING.path(), "{\"boostEnergyWh\":5000}");
        assertEquals(400, boost.status, "no Boost energy without feature.green");
        assertEquals("boostEnergyWh", json.readTree(boost.body()).path("field").asText());
    }

    @Test
    void theListOfSectionsHasWhatTheModelHas() throws Exception {
        JsonNode all = ok(call(servlet(), "GET", SettingsSection.SETTINGS_PATH, null));
        assertEquals("[\"charging\",\"system\",\"security\"]", json.writeValueAsString(
                json.valueToTree(texts(all.path("sections"), "section"))));
        JsonNode noSystem = ok(call(servlet(FakeMetatype.without(List.of("org.infinergi.system", "org.infinergi.panel"))), "GET",
                SettingsSection.SETTINGS_PATH, null));
        assertEquals(List.of("charging", "security"), texts(noSystem.path("sections"), "section"));
        assertEquals(405, call(servlet(), "PUT", SettingsSection.SETTINGS_PATH, "{}").status);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void aChangeGoesToTheOwningPids_typed_andAnswersTheFormInForce() throws Exception {
        store.pids.put("org.infinergi.charging", new HashMap<>(Map.of("maxChargeRateA", "32",
                "felix.fileinstall.filename", "file:/etc/org.infinergi.charging.cfg")));
        JsonNode form = ok(call(servlet(), "PUT", SettingsSection.CHARGING.path(),
                "{\"activeMode\":\"PROGRAMMED\",\"maxChargeRateA\":16,\"maxGridImportW\":6000,"
                        + "\"p1Days\":[\"MON\",\"TUE\"],\"p1Start\":\"07:30\"}"));
        Map<String, Object> charging = store.pids.get("org.infinergi.charging");
        assertEquals("PROGRAMMED", charging.get("activeMode"));
        assertEquals(16, charging.get("maxChargeRateA"));
        assertEquals("file:/etc/org.infinergi.charging.cfg", charging.get("felix.fileinstall.filename"),
                "the other properties stay: the etc file is written back");
        assertEquals(6000, store.pids.get("org.infinergi.dlm").get("maxGridImportW"));
        assertArrayEquals(new String[] {"MON", "TUE"}, (String[]) store.pids.get("org.infinergi.schedule").get("p1Days"));
        assertEquals(16, field(form, "maxChargeRateA").path("value").asInt());
        assertEquals("[\"MON\",\"TUE\"]", field(form, "p1Days").path("value").toString());
    }

    /** Issue 18 "Bad input": out of range → 400 naming the field with the owner's words; nothing changes. */
    @Test
    void anOutOfRangeValueIsRefusedWithTheOwnersWords_andNothingChanges() throws Exception {
        FakeHttp.Response resp = call(servlet(), "PUT", SettingsSection.CHARGING.path(),
                "{\"activeMode\":\"GREEN\",\"maxChargeRateA\":40}");
        assertEquals(400, resp.status);
        JsonNode body = json.readTree(resp.body());
        assertEquals("maxChargeRateA", body.path("field").asText());
        assertEquals("maxChargeRateA: must be 6..32 A", body.path("error").asText(), "as the core's ConfigParser says it");
        assertEquals("must be 6..32 A", body.path("errors").get(0).path("message").asText());
        assertTrue(store.writes.isEmpty(), "all or nothing: activeMode was right, and is not written either");

        FakeHttp.Response low = call(servlet(), "PUT", SettingsSection.CHARGING.path(), "{\"maxGridImportW\":-1}");
        assertEquals("maxGridImportW: must be at least 0", json.readTree(low.body()).path("error").asText());
        FakeHttp.Response wiring = call(servlet(), "PUT", SettingsSection.INSTALLATION.path(),
                "{\"wiringLimitA\":5,\"earthing\":\"TT\"}");
        JsonNode both = json.readTree(wiring.body());
        assertEquals(2, both.path("errors").size(), "every refused field is named: " + both);
        assertEquals("unknown value; allowed: TN_TT|IT", both.path("errors").get(1).path("message").asText());
        assertTrue(store.writes.isEmpty());
    }

    /** Issue 18 "a tampered request (unknown field, wrong type …) gets 400 and changes nothing". */
    @Test
    void unknownFieldsWrongTypesAndBadBodiesAre400_andNothingChanges() throws Exception {
        SettingsServlet servlet = servlet();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("{\"maxChargeRateA\":16,\"turbo\":true}", "turbo");
        bad.put("{\"maxChargeRateA\":\"16\"}", "maxChargeRateA");
        bad.put("{\"maxChargeRateA\":16.5}", "maxChargeRateA");
        bad.put("{\"activeMode\":1}", "activeMode");
        bad.put("{\"p1Days\":\"MON\"}", "p1Days");
        bad.put("{\"p1Days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\",\"MON\"]}", "p1Days");
        bad.put("{\"systemClockSynchronized\":true}", "systemClockSynchronized");
        bad.put("{\"authorizationKey\":\"x\"}", "authorizationKey");
        bad.put("{}", null);
        bad.put("[]", null);
        bad.put("{\"maxChargeRateA\":16,\"maxChargeRateA\":20}", null);
        bad.put("{\"maxChargeRateA\":16} {}", null);
        bad.put("not json", null);
        for (Map.Entry<String, String> e : bad.entrySet()) {
            FakeHttp.Response resp = call(servlet, "PUT", SettingsSection.CHARGING.path(), e.getKey());
            assertEquals(400, resp.status, e.getKey() + " → " + resp.body());
            JsonNode body = json.readTree(resp.body());
            assertFalse(body.path("error").asText().isEmpty());
            if (e.getValue() != null) {
                assertEquals(e.getValue(), body.path("field").asText(), e.getKey());
            }
        }
        FakeHttp.Response typed = call(servlet, "PUT", SettingsSection.INSTALLATION.path(),
                "{\"installationComplete\":\"true\"}");
        assertEquals(400, typed.status);
        assertEquals("installationComplete: must be true or false", json.readTree(typed.body()).path("error").asText());
        assertEquals(413, call(servlet, "PUT", SettingsSection.CHARGING.path(),
                "{\"url\":\"" + "x".repeat(SettingsServlet.MAX_BODY_BYTES) + "\"}").status);
        assertTrue(store.writes.isEmpty());
    }

    /**
     * What the Metatype cannot say (a program's start time) is the owner's own check: its rejection puts every PID
     * written back and answers 400 with the owner's reason.
     */
    @Test
    void anOwnersRejectionPutsEveryPidBack_andAnswersItsReason() throws Exception {
        store.pids.put("org.infinergi.charging", new HashMap<>(Map.of("activeMode", "FAST")));
        store.owner = (pid, props) -> {
            rejections.removeIf(r -> r.pid().equals(pid));
            if (pid.equals("org.infinergi.schedule") && props != null && "25:00".equals(props.get("p1Start"))) {
                rejections.add(new ConfigurationRejection(pid, "p1Start", "25:00", "not a time HH:mm 00:00..23:59"));
            }
        };
        FakeHttp.Response resp = call(servlet(), "PUT", SettingsSection.CHARGING.path(),
                "{\"activeMode\":\"PROGRAMMED\",\"p1Start\":\"25:00\"}");
        assertEquals(400, resp.status, resp.body());
        JsonNode body = json.readTree(resp.body());
        assertEquals("p1Start", body.path("field").asText());
        assertEquals("p1Start: not a time HH:mm 00:00..23:59", body.path("error").asText());
        assertEquals(Map.of("activeMode", "FAST"), store.pids.get("org.infinergi.charging"), "put back as it was");
        assertNull(store.pids.get("org.infinergi.schedule"), "it had no configuration: it has none again");
        assertTrue(rejections.isEmpty(), "the owner has its previous configuration again");
    }

    @Test
    void aRejectionThatWasThereBeforeIsNotThisChanges() throws Exception {
        rejections.add(new ConfigurationRejection("org.infinergi.charging", "maxChargeRateA", "", "empty value"));
        ok(call(servlet(), "PUT", SettingsSection.CHARGING.path(), "{\"activeMode\":\"GREEN\"}"));
        assertEquals("GREEN", store.pids.get("org.infinergi.charging").get("activeMode"));
    }

    /** An empty text is the owner's business (its empty-value rule), not the Metatype's "missing required value". */
    @Test
    void anEmptyTextGoesToItsOwner() throws Exception {
        ok(call(servlet(), "PUT", SettingsSection.CHARGING.path(), "{\"url\":\"\"}"));
        assertEquals("", store.pids.get("org.infinergi.ocpp").get("url"));
    }

    /** Manual §7.1.1 and §4.10.2: the installer's four settings, then Apply. */
    @Test
    void theInstallationIsTheFourSettingsOf7_1_1() throws Exception {
        store.pids.put("org.infinergi.installation", new HashMap<>(Map.of("chargingEnabled", "true",
                "wiringLimitA", "6", "earthing", "TN_TT", "installationComplete", "false")));
        JsonNode form = ok(call(servlet(), "GET", SettingsSection.INSTALLATION.path(), null));
        assertEquals(List.of("chargingEnabled", "wiringLimitA", "earthing", "installationComplete"),
                texts(form.path("groups").get(0).path("fields"), "key"));
        assertFalse(field(form, "installationComplete").path("value").asBoolean(), "factory state");

        ok(call(servlet(), "PUT", SettingsSection.INSTALLATION.path(),
                "{\"wiringLimitA\":32,\"earthing\":\"TN_TT\",\"chargingEnabled\":true,\"installationComplete\":true}"));
        Map<String, Object> installation = store.pids.get("org.infinergi.installation");
        assertEquals(32, installation.get("wiringLimitA"));
        assertEquals(true, installation.get("installationComplete"));
    }

    @Test
    void theSystemSectionShowsTheClockAndOnlyTheKeysItsOwnerDeclares() throws Exception {
        JsonNode form = ok(call(servlet(), "GET", SettingsSection.SYSTEM.path(), null));
        assertEquals(List.of("dateTime", "timeZone"), texts(form.path("groups").get(0).path("fields"), "key"),
                "no display items: this owner does not declare them");
        assertEquals(List.of("buttonsSound"), texts(form.path("groups").get(1).path("fields"), "key"),
                "manual §7.2.2 Buttons sound, the front panel's");
        ok(call(servlet(), "PUT", SettingsSection.SYSTEM.path(),
                "{\"dateTime\":\"2026-12-07T18:30\",\"buttonsSound\":false}"));
        assertEquals("2026-12-07T18:30", store.pids.get("org.infinergi.system").get("dateTime"));
        assertEquals(false, store.pids.get("org.infinergi.panel").get("buttonsSound"));
        assertEquals(List.of("system"), groups(ok(call(servlet(FakeMetatype.without(List.of("org.infinergi.panel"))),
                "GET", SettingsSection.SYSTEM.path(), null))), "a model without the front panel has no buttons sound");
    }

    /** Issue 18: every admin endpoint answers the user 403; the user's sections are the user's. */
    @Test
    void theInstallationIsTheAdminsAndTheUserSettingsTheUsers() {
        for (String method : List.of("GET", "PUT", "HEAD")) {
            assertEquals(Level.ADMIN, AccessTable.CHARGER.required(SettingsSection.INSTALLATION.path(), method));
        }
        for (SettingsSection s : List.of(SettingsSection.CHARGING, SettingsSection.SYSTEM)) {
            assertEquals(Level.USER, AccessTable.CHARGER.required(s.path(), "GET"));
            assertEquals(Level.USER, AccessTable.CHARGER.required(s.path(), "PUT"));
            assertEquals(Level.ADMIN, AccessTable.CHARGER.required(s.path(), "DELETE"));
            assertEquals(Level.ADMIN, AccessTable.CHARGER.required(s.path() + "/more", "GET"));
        }
        assertEquals(Level.USER, AccessTable.CHARGER.required(SettingsSection.SETTINGS_PATH, "GET"));
        assertEquals(Level.ADMIN, AccessTable.CHARGER.required(SettingsSection.SETTINGS_PATH, "PUT"));
    }
}
