package org.infinergi.feature.panel.internal;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** An in-memory Config Admin: pid → properties (factory configurations as "factoryPid~name"). */
final class FakeConfigAdmin {

    final Map<String, Hashtable<String, Object>> store = new TreeMap<>();

    ConfigurationAdmin admin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (p, m, args) -> switch (m.getName()) {
                    case "getConfiguration" -> configuration((String) args[0]);
                    case "getFactoryConfiguration" -> configuration(args[0] + "~" + args[1]);
                    case "listConfigurations" -> {
                        var filter = FrameworkUtil.createFilter((String) args[0]);
                        yield store.keySet().stream().filter(pid -> filter.match(props(pid)))
                                .map(this::configuration).toArray(Configuration[]::new);
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private Dictionary<String, Object> props(String pid) {
        Hashtable<String, Object> d = new Hashtable<>(store.get(pid));
        int tilde = pid.indexOf('~');
        d.put("service.pid", pid);
        if (tilde > 0) {
            d.put("service.factoryPid", pid.substring(0, tilde));
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    private Configuration configuration(String pid) {
        int tilde = pid.indexOf('~');
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getPid" -> pid;
                    case "getFactoryPid" -> tilde > 0 ? pid.substring(0, tilde) : null;
                    case "getProperties" -> store.containsKey(pid) ? new Hashtable<>(store.get(pid)) : null;
                    case "update" -> {
                        store.put(pid, new Hashtable<>((Map<String, Object>) (Map<?, ?>) args[0]));
                        yield null;
                    }
                    case "delete" -> {
                        store.remove(pid);
                        yield null;
                    }
                    case "hashCode" -> pid.hashCode();
                    case "equals" -> p == args[0];
                    case "toString" -> pid;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
