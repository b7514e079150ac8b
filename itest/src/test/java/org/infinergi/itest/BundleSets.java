package org.infinergi.itest;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Conditional;
import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The bundle set an image must run, computed from its descriptor, and the one it does run. Runs in the container.
 *
 * <p>Expected: the bundles of the features the image is built from (karaf-assembly/pom.xml: Karaf's
 * {@code framework}, {@code scr}, {@code config}, {@code shell}, {@code bundle} and the model's feature),
 * followed through feature dependencies and the conditionals whose conditions are met, read through
 * Karaf's own FeaturesService from the same repositories the build used. Actual: every installed bundle except
 * the system bundle and what Pax Exam adds to run the test (its boot features and its probe).
 */
final class BundleSets {

    /** What karaf-assembly/pom.xml installs in every image besides the model's feature. */
    static final List<String> BASE_FEATURES = List.of("framework", "scr", "config", "shell", "bundle");

    private BundleSets() {
    }

    static void addRepositories(FeaturesService features, String karafVersion, String version) throws Exception {
        features.addRepository(URI.create("mvn:org.apache.karaf.features/framework/" + karafVersion + "/xml/features"));
        features.addRepository(URI.create("mvn:org.apache.karaf.features/standard/" + karafVersion + "/xml/features"));
        features.addRepository(URI.create("mvn:org.infinergi/org.infinergi.karaf.features/" + version + "/xml/features"));
    }

    /** Bundle locations the closure of {@code roots} requires; throws when a feature is unknown. */
    static Set<String> expected(FeaturesService features, List<String> roots) throws Exception {
        return bundles(features, roots, false);
    }

    /**
     * Bundles marked {@code dependency="true"} in the closure: the resolver installs one only when nothing else
     * provides what it provides (e.g. Karaf's JAXB API bundle, which the JDK 9+ libraries of lib/ make
     * unnecessary). They may be installed; they are neither missing nor extra.
     */
    static Set<String> optional(FeaturesService features, List<String> roots) throws Exception {
        return bundles(features, roots, true);
    }

    private static Set<String> bundles(FeaturesService features, List<String> roots, boolean optional)
            throws Exception {
        Set<String> names = new LinkedHashSet<>();
        Set<Feature> closure = new LinkedHashSet<>();
        Deque<Feature> todo = new ArrayDeque<>();
        for (String root : roots) {
            todo.add(feature(features, root, null));
        }
        boolean grown = true;
        while (grown) {
            while (!todo.isEmpty()) {
                Feature f = todo.poll();
                if (closure.add(f)) {
                    names.add(f.getName());
                    for (Dependency d : f.getDependencies()) {
                        todo.add(feature(features, d.getName(), d.getVersion()));
                    }
                }
            }
            grown = false;
            for (Feature f : List.copyOf(closure)) {
                for (Conditional c : f.getConditional()) {
                    boolean met = c.getCondition().stream().allMatch(names::contains);
                    if (met && closure.add(c.asFeature())) {
                        names.add(c.asFeature().getName());
                        c.getDependencies().forEach(d -> todo.add(feature(features, d.getName(), d.getVersion())));
                        grown = true;
                    }
                }
            }
        }
        Set<String> locations = new TreeSet<>();
        for (Feature f : closure) {
            for (BundleInfo b : f.getBundles()) {
                if (b.isDependency() == optional) {
                    locations.add(b.getLocation().trim());
                }
            }
        }
        return locations;
    }

    /**
     * Installed bundle locations, without the system bundle and without Pax Exam's additions (the bundles of the
     * features it boots, the probe) unless the image's own set holds the same bundle.
     */
    static Set<String> actual(BundleContext context, FeaturesService features, Set<String> expected,
            Set<String> optional) throws Exception {
        Set<String> exam = new TreeSet<>();
        for (Feature f : features.listInstalledFeatures()) {
            for (BundleInfo b : f.getBundles()) {
                exam.add(b.getLocation().trim());
            }
        }
        Set<String> installed = new TreeSet<>();
        for (Bundle b : context.getBundles()) {
            String location = b.getLocation();
            boolean probe = location.startsWith("local") || location.contains("PAXEXAM-PROBE")
                    || String.valueOf(b.getSymbolicName()).startsWith("PAXEXAM-PROBE");
            if (b.getBundleId() == 0 || probe || (exam.contains(location) && !expected.contains(location))
                    || (optional.contains(location) && !expected.contains(location))) {
                continue;
            }
            installed.add(location);
        }
        return installed;
    }

    static String diff(Set<String> expected, Set<String> actual) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        return "missing " + missing + ", extra " + extra;
    }

    private static Feature feature(FeaturesService features, String name, String version) {
        try {
            // One version of each feature exists in these repositories; take the highest to be safe.
            Feature[] found = features.getFeatures(name);
            if (found == null || found.length == 0) {
                throw new IllegalStateException("Unknown feature " + name + "/" + version);
            }
            return Arrays.stream(found).max((a, b) -> a.getVersion().compareTo(b.getVersion())).orElseThrow();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
