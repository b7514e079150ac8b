package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.infinergi.core.charging.api.ChargerStatusService;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.web.json.RequestBodies;
import org.infinergi.web.json.RequestRejected;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The settings of manual §7 that live in Config Admin, by section ({@link SettingsSection}):
 * {@code GET/PUT /api/admin/installation} (§7.1.1, the first configuration of §4.10.2), {@code /api/settings/charging}
 * (§7.2.1), {@code /api/settings/system} (§7.2.2); {@code GET /api/settings} lists the user's sections this model has.
 *
 * <p>{@code GET}: the section's form from the owners' Metatype with the values in force. {@code PUT} a JSON object of
 * some of its keys: each is checked against the owner's Metatype first (unknown key, wrong type, not an option, out of
 * range → 400 naming every bad field, nothing written); then all PIDs are written, and the owners' own checks run on
 * them (the core's {@code ConfigParser}, {@code CheckedConfiguration}, the schedule's parser — what no Metatype can
 * say, like a program's start time): a rejection they report ({@code ConfigurationOwner}, listed in the charger's
 * status) within {@link #VERDICT} puts every PID back as it was and answers 400 with the owner's reason. A rejected
 * configuration is never in force (its owner keeps the previous one), so a refused request changes nothing.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + SettingsSection.SETTINGS_PATH,
        "osgi.http.whiteboard.servlet.pattern=" + SettingsSection.SETTINGS_PATH + "/charging",
        "osgi.http.whiteboard.servlet.pattern=" + SettingsSection.SETTINGS_PATH + "/system",
        "osgi.http.whiteboard.servlet.pattern=" + SettingsSection.INSTALLATION_PATH,
        "osgi.http.whiteboard.servlet.name=infinergi-settings",
        WebContext.SELECT })
public final class SettingsServlet extends HttpServlet {

    /**
     * How long a change waits for its owners' verdict: Config Admin hands a configuration to its owner on its own
     * thread within milliseconds, and the charger's status lists the owners' rejections at its next cycle.
     */
    static final Duration VERDICT = Duration.ofMillis(600);
    static final int MAX_BODY_BYTES = 8192;
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SettingsServlet.class);

    private final transient Function<Set<String>, Map<String, ObjectClassDefinition>> catalog;
    private final transient SettingsStore store;
    private final transient Supplier<List<ConfigurationRejection>> rejections;
    private final transient Duration verdict;
    private final transient ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** One change at a time: the verdict of one must not be read as another's. */
    private final transient Object changing = new Object();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChargerStatusService statusService;

    @Activate
    public SettingsServlet(@Reference MetaTypeService metatype, @Reference ConfigurationAdmin cm,
            BundleContext context) {
        this(pids -> MetatypeCatalog.describe(metatype, context.getBundles(), pids), new ConfigAdminSettingsStore(cm),
                null, VERDICT);
    }

    /**
     * @param rejections every rejected configuration now (null: the charger's status)
     */
    SettingsServlet(Function<Set<String>, Map<String, ObjectClassDefinition>> catalog, SettingsStore store,
            Supplier<List<ConfigurationRejection>> rejections, Duration verdict) {
        this.catalog = catalog;
        this.store = store;
        this.rejections = rejections != null ? rejections : this::statusRejections;
        this.verdict = verdict;
    }

    private List<ConfigurationRejection> statusRejections() {
        ChargerStatusService s = statusService;
        return s == null ? List.of() : s.status().rejectedConfigurations();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = Access.path(req);
        if (SettingsSection.SETTINGS_PATH.equals(path)) {
            Responses.json(resp, HttpServletResponse.SC_OK, mapper, sections());
            return;
        }
        Optional<SettingsSection> section = SettingsSection.at(path);
        if (section.isEmpty()) {
            Responses.json(resp, HttpServletResponse.SC_NOT_FOUND, mapper, JsonViews.error(mapper,
                    "no such settings section: " + path));
            return;
        }
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, describe(section.get(), ocds(section.get())));
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<SettingsSection> section = SettingsSection.at(Access.path(req));
        if (section.isEmpty()) {
            resp.setHeader("Allow", "GET, HEAD");
            Responses.json(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, mapper, JsonViews.error(mapper,
                    "the list of sections is read only: PUT one section, e.g. " + SettingsSection.CHARGING.path()));
            return;
        }
        Map<String, ObjectClassDefinition> ocds = ocds(section.get());
        Map<String, Map<String, Object>> changes;
        try {
            JsonNode body = parse(RequestBodies.read(req, MAX_BODY_BYTES));
            changes = SettingsForms.changes(body, SettingsForms.fields(section.get(), ocds::get), ocds::get);
        } catch (RequestRejected e) {
            ObjectNode body = JsonViews.error(mapper, e.getMessage());
            if (e.field() != null) {
                body.put("field", e.field());
            }
            Responses.json(resp, e.status(), mapper, body);
            return;
        } catch (SettingsForms.Refused e) {
            Responses.json(resp, HttpServletResponse.SC_BAD_REQUEST, mapper, refused(e.errors));
            return;
        }
        List<SettingsForms.FieldError> owners;
        try {
            owners = apply(changes);
        } catch (IOException e) {
            LOG.error("Settings of {} could not be stored: {}", section.get().name(), e.getMessage());
            Responses.json(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, mapper, JsonViews.error(mapper,
                    "the settings could not be stored; the previous ones stay in force"));
            return;
        }
        if (!owners.isEmpty()) {
            Responses.json(resp, HttpServletResponse.SC_BAD_REQUEST, mapper, refused(owners));
            return;
        }
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, describe(section.get(), ocds));
    }

    private JsonNode parse(byte[] body) throws RequestRejected {
        if (body.length == 0) {
            throw RequestRejected.badRequest(null, "empty body: expected a JSON object of settings");
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw RequestRejected.badRequest(null, "body is not valid JSON");
        }
    }

    /**
     * Writes every PID of {@code changes} and waits for its owners' verdict; on a rejection, or a PID that could not
     * be written, every PID written goes back as it was. Empty when the owners took it all.
     */
    List<SettingsForms.FieldError> apply(Map<String, Map<String, Object>> changes) throws IOException {
        synchronized (changing) {
            List<ConfigurationRejection> before = rejections.get();
            Map<String, Map<String, Object>> previous = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, Map<String, Object>> e : changes.entrySet()) {
                    Map<String, Object> old = store.read(e.getKey());
                    Map<String, Object> next = new LinkedHashMap<>(old == null ? Map.of() : old);
                    next.putAll(e.getValue());
                    previous.put(e.getKey(), old);
                    store.write(e.getKey(), next);
                }
            } catch (IOException | RuntimeException e) {
                restore(previous);
                throw e;
            }
            List<ConfigurationRejection> refused = ownersVerdict(changes.keySet(), before);
            if (refused.isEmpty()) {
                return List.of();
            }
            restore(previous);
            List<SettingsForms.FieldError> out = new ArrayList<>();
            for (ConfigurationRejection r : refused) {
                out.add(new SettingsForms.FieldError(r.key(), r.reason()));
            }
            return out;
        }
    }

    /** The rejections of the PIDs just written that were not there before, once there are any or the time is up. */
    private List<ConfigurationRejection> ownersVerdict(Set<String> pids, List<ConfigurationRejection> before) {
        long deadline = System.nanoTime() + verdict.toNanos();
        while (true) {
            List<ConfigurationRejection> fresh = rejections.get().stream()
                    .filter(r -> pids.contains(r.pid()) && !before.contains(r)).toList();
            if (!fresh.isEmpty() || System.nanoTime() - deadline >= 0) {
                return fresh;
            }
            LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
        }
    }

    private void restore(Map<String, Map<String, Object>> previous) {
        previous.forEach((pid, old) -> {
            try {
                store.write(pid, old);
            } catch (IOException | RuntimeException e) {
                LOG.error("Settings of {} could not be put back: {}", pid, e.getMessage());
            }
        });
    }

    private ObjectNode refused(List<SettingsForms.FieldError> errors) {
        SettingsForms.FieldError first = errors.get(0);
        ObjectNode body = JsonViews.error(mapper, first.field() == null ? first.message()
                : first.field() + ": " + first.message());
        if (first.field() != null) {
            body.put("field", first.field());
        }
        ArrayNode all = body.putArray("errors");
        for (SettingsForms.FieldError e : errors) {
            ObjectNode o = all.addObject();
            if (e.field() != null) {
                o.put("field", e.field());
            }
            o.put("message", e.message());
        }
        return body;
    }

    private Map<String, ObjectClassDefinition> ocds(SettingsSection section) {
        Set<String> pids = new HashSet<>(section.pids());
        SettingsSection.OPTION_NEEDS.values().forEach(m -> pids.addAll(m.values()));
        return catalog.apply(pids);
    }

    private ObjectNode describe(SettingsSection section, Map<String, ObjectClassDefinition> ocds) {
        return SettingsForms.describe(mapper, section, ocds::get, pid -> {
            try {
                return store.read(pid);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** The user's sections this model has: those with a group the runtime describes, and the web login (§7.2.3). */
    private ObjectNode sections() {
        ObjectNode out = mapper.createObjectNode();
        ArrayNode list = out.putArray("sections");
        for (SettingsSection s : SettingsSection.ALL) {
            if (s.level() == Level.USER && !SettingsForms.fields(s, ocds(s)::get).isEmpty()) {
                list.addObject().put("section", s.name()).put("path", s.path());
            }
        }
        list.addObject().put("section", "security").put("path", SecurityServlet.USER_PATH);
        return out;
    }
}
