package org.infinergi.feature.ocpp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the charger knows of id tags without asking the central system (OCPP 1.6 §3.5): the <b>Local Authorization
 * List</b> the central system sends (§3.5.2, SendLocalList / GetLocalListVersion, key {@code LocalAuthListEnabled})
 * and the <b>authorization cache</b> of the idTagInfo of every answer about an id tag (§3.5.1, ClearCache, key
 * {@code AuthorizationCacheEnabled}). Both are kept in one file of the bundle's data area ({@link DurableFile}: the
 * old content or the new survives a power loss) and written at every change. The list has priority over the cache
 * (§3.5.3); an id tag of the list is not cached. Id tags are compared without case (§7.26 IdToken).
 *
 * <p>On the OCPP client's one thread only.
 */
final class LocalAuthorization {

    /** Where an id tag was found. */
    enum Source { LOCAL_LIST, CACHE }

    /** An id tag the charger knows: its stored idTagInfo and where it was. */
    record Known(IdTagInfo info, Source source) {
    }

    /** How many id tags the cache keeps; the least recently answered one goes first. */
    static final int CACHE_MAX = 1000;

    private final Logger log = LoggerFactory.getLogger(LocalAuthorization.class);
    private final ObjectMapper json = new ObjectMapper();
    private final ConfigurationKeys keys;
    private final Frames frames;
    /** Null: kept in memory only (no data area). */
    private final DurableFile file;
    private int listVersion;
    private Map<String, IdTagInfo> list = new LinkedHashMap<>();
    private final LinkedHashMap<String, IdTagInfo> cache = new LinkedHashMap<>(16, 0.75f, true);

    LocalAuthorization(ConfigurationKeys keys, Frames frames, Path path) {
        this.keys = keys;
        this.frames = frames;
        this.file = path == null ? null : new DurableFile(path);
        load();
    }

    /** Answers SendLocalList, GetLocalListVersion and ClearCache of the central system. */
    void register(ChargePoint cp) {
        cp.handle("SendLocalList", this::sendLocalList);
        cp.handle("GetLocalListVersion", req -> frames.object().put("listVersion", listVersion()));
        cp.handle("ClearCache", req -> frames.object().put("status", clearCache() ? "Accepted" : "Rejected"));
    }

    /**
     * §5.15 GetLocalListVersion: 0 when the list is empty; -1 would say the charger has no local list, which it has
     * ({@code LocalAuthListManagement} is a supported profile), so -1 never.
     */
    int listVersion() {
        return list.isEmpty() ? 0 : listVersion;
    }

    /** The id tag in the list (first, §3.5.3) or in the cache, each only when its key enables it. */
    Optional<Known> lookup(String idTag) {
        String k = key(idTag);
        if (keys.flag(ConfigurationKeys.LOCAL_AUTH_LIST_ENABLED) && list.containsKey(k)) {
            return Optional.of(new Known(list.get(k), Source.LOCAL_LIST));
        }
        if (keys.flag(ConfigurationKeys.AUTHORIZATION_CACHE_ENABLED) && cache.containsKey(k)) {
            return Optional.of(new Known(cache.get(k), Source.CACHE));
        }
        return Optional.empty();
    }

    /**
     * §3.5.1: the idTagInfo of an answer about {@code idTag} (Authorize.conf, StartTransaction.conf) replaces what
     * the cache held; nothing when the cache is disabled, the answer has none, or the id tag is in the list.
     */
    void remember(String idTag, JsonNode idTagInfo) {
        IdTagInfo info = IdTagInfo.of(idTagInfo);
        String k = key(idTag);
        if (info == null || k.isEmpty() || !keys.flag(ConfigurationKeys.AUTHORIZATION_CACHE_ENABLED)
                || list.containsKey(k)) {
            return;
        }
        if (info.equals(cache.get(k))) {
            return;
        }
        cache.put(k, info);
        trimCache();
        save();
    }

    /** §5.4 ClearCache: emptied (enabled or not: a disabled cache still holds what it had); false if not stored. */
    boolean clearCache() {
        cache.clear();
        boolean saved = save();
        log.info("OCPP: authorization cache cleared{}", saved ? "" : ", but the file could not be written");
        return saved;
    }

    /** §5.16 SendLocalList. */
    private ObjectNode sendLocalList(ObjectNode req) {
        String status = updateLocalList(req);
        log.info("OCPP: SendLocalList {} version {}: {} ({} id tags in the list, version {})",
                req.path("updateType").asText(), req.path("listVersion").asInt(), status, list.size(), listVersion());
        return frames.object().put("status", status);
    }

    /**
     * NotSupported while {@code LocalAuthListEnabled} is false (the list is switched off and stays as it is);
     * Failed when the message carries more than {@code SendLocalListMaxLength} entries, the list would hold more than
     * {@code LocalAuthListMaxLength}, a Full update has an entry without idTagInfo, or the file cannot be written
     * (nothing changes then); VersionMismatch for a Differential update whose version is not above the list's.
     */
    String updateLocalList(ObjectNode req) {
        if (!keys.flag(ConfigurationKeys.LOCAL_AUTH_LIST_ENABLED)) {
            return "NotSupported";
        }
        int version = req.get("listVersion").asInt();
        boolean full = "Full".equals(req.get("updateType").asText());
        JsonNode entries = req.path("localAuthorizationList");
        if (entries.size() > keys.intValue(ConfigurationKeys.SEND_LOCAL_LIST_MAX_LENGTH)) {
            return "Failed";
        }
        if (!full && version <= listVersion()) {
            return "VersionMismatch";
        }
        Map<String, IdTagInfo> next = full ? new LinkedHashMap<>() : new LinkedHashMap<>(list);
        for (JsonNode e : entries) {
            String k = key(e.get("idTag").asText());
            IdTagInfo info = IdTagInfo.of(e.get("idTagInfo"));
            if (info != null) {
                next.put(k, info);
            } else if (full) {
                return "Failed";
            } else {
                // §5.16: a Differential entry without idTagInfo removes the id tag
                next.remove(k);
            }
        }
        if (next.size() > keys.intValue(ConfigurationKeys.LOCAL_AUTH_LIST_MAX_LENGTH)) {
            return "Failed";
        }
        Map<String, IdTagInfo> before = list;
        int versionBefore = listVersion;
        list = next;
        listVersion = version;
        // an id tag of the list is not cached (§3.5.3: the list has priority)
        boolean cacheChanged = cache.keySet().removeIf(list::containsKey);
        if (!save()) {
            list = before;
            listVersion = versionBefore;
            if (cacheChanged) {
                log.warn("OCPP: cache entries of list id tags dropped although the list was not stored");
            }
            return "Failed";
        }
        return "Accepted";
    }

    private void trimCache() {
        Iterator<String> oldest = cache.keySet().iterator();
        while (cache.size() > CACHE_MAX && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private static String key(String idTag) {
        return idTag == null ? "" : idTag.trim().toUpperCase(Locale.ROOT);
    }

    // ---- the file ----

    private void load() {
        if (file == null) {
            return;
        }
        try {
            byte[] content = file.read();
            if (content == null) {
                return;
            }
            JsonNode root = json.readTree(content);
            listVersion = root.path("listVersion").asInt();
            root.path("list").fields().forEachRemaining(e -> put(list, e.getKey(), e.getValue()));
            root.path("cache").fields().forEachRemaining(e -> put(cache, e.getKey(), e.getValue()));
            log.info("OCPP: local authorization list version {} ({} id tags), {} cached id tags", listVersion(),
                    list.size(), cache.size());
        } catch (IOException | RuntimeException e) {
            // written whole or not at all, so only a foreign hand spoils it: start empty, the central system resends
            log.error("OCPP: the local authorization list and cache could not be read ({}); starting empty",
                    e.toString());
            list.clear();
            cache.clear();
            listVersion = 0;
        }
    }

    private static void put(Map<String, IdTagInfo> into, String idTag, JsonNode info) {
        IdTagInfo i = IdTagInfo.of(info);
        if (i != null) {
            into.put(key(idTag), i);
        }
    }

    private boolean save() {
        if (file == null) {
            return true;
        }
        ObjectNode root = json.createObjectNode().put("listVersion", listVersion);
        ObjectNode l = root.putObject("list");
        list.forEach((k, v) -> v.writeTo(l.putObject(k)));
        ObjectNode c = root.putObject("cache");
        cache.forEach((k, v) -> v.writeTo(c.putObject(k)));
        try {
            file.write(json.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            log.error("OCPP: the local authorization list and cache could not be written: {}", e.toString());
            return false;
        }
    }
}
