package org.infinergi.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;

/**
 * The API bundles' stored baseline (cnf/baseline/repository) with the engine bnd-baseline-maven-plugin runs in every
 * build: the current API passes against it, and a broken copy of the current API (a method removed, a signature
 * changed, an addition without a version bump) is a mismatch, i.e. fails the build; an addition with a minor bump
 * passes (what the other API changes of the firmware do).
 */
class ApiBaselineTest {

    private static final Path ROOT = Path.of(System.getProperty("infinergi.root", "../.."));
    private static final String CORE_API = "org.infinergi.core.charging.api";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"core.charging.api, org.infinergi.core.charging.api",
            "feature.auth.api, org.infinergi.feature.auth.api",
            "feature.green.api, org.infinergi.feature.green.api",
            "driver.modbus-meters/api, org.infinergi.driver.modbus-meters.api",
            "web.json, org.infinergi.web.json",
            "core.config, org.infinergi.core.config",
            "feature.update.api, org.infinergi.feature.update.api"})
    void eachApiBundleAsBuiltPassesAgainstItsStoredBaseline(String module, String artifactId) throws Exception {
        List<Info> mismatches = mismatches(built(module, artifactId), stored(artifactId));

        assertEquals(List.of(), describe(mismatches), "the stored baseline is the current API of " + artifactId);
    }

    @Test
    void aRemovedMethodWithoutAMajorBump_failsTheBaseline() throws Exception {
        String released = released(CORE_API);
        Path broken = withChangedSource("api/ChargerControl.java", "    Result endUpdate();\n", "", released);

        List<Info> mismatches = mismatches(broken, stored(CORE_API));

        assertEquals(List.of(CORE_API + " " + released + " must be " + nextMajor(released)), describe(mismatches));
    }

    /**
     * Issue 14 point 1: the stored baseline is the current API, not an older one. A method of the newest minor
     * versions removed at the version the source declares is a break; against the baseline stored before
     * (charging API 1.3.0, before ElectricalReadings existed) that removal passed as a mere addition.
     */
    @Test
    void aRecentMethodRemovedAtTheSourcesVersion_failsTheBaseline() throws Exception {
        Path current = built("core.charging.api", CORE_API);
        String version = exported(current, CORE_API);
        Path broken = withChangedSource("api/ElectricalReadings.java", "    ElectricalReading siteLoad();\n", "",
                null);

        List<Info> mismatches = mismatches(broken, stored(CORE_API));

        assertEquals(List.of(CORE_API + " " + version + " must be " + nextMajor(version)), describe(mismatches));
    }

    @Test
    void aChangedSignatureWithoutAMajorBump_failsTheBaseline() throws Exception {
        String hal = "org.infinergi.core.charging.hal";
        String released = released(hal);
        Path broken = withChangedSource("hal/PilotHardware.java", "void setContactor(boolean closed);",
                "void setContactor(boolean closed, int phases);", released);

        List<Info> mismatches = mismatches(broken, stored(CORE_API));

        assertEquals(List.of(hal + " " + released + " must be " + nextMajor(released)), describe(mismatches));
    }

    @Test
    void anAddedMethodWithoutAVersionBump_failsTheBaseline_andPassesWithAMinorBump() throws Exception {
        // ChargerControl is a @ProviderType: consumers only call it, so a new method is a minor change.
        String addition = "    Result endUpdate();\n\n    Result cancelUpdate();\n";
        String released = released(CORE_API);
        Path unbumped = withChangedSource("api/ChargerControl.java", "    Result endUpdate();\n", addition, released);
        Path bumped = withChangedSource("api/ChargerControl.java", "    Result endUpdate();\n", addition,
                nextMinor(released));

        assertEquals(List.of(CORE_API + " " + released + " must be " + nextMinor(released)),
                describe(mismatches(unbumped, stored(CORE_API))));
        assertEquals(List.of(), describe(mismatches(bumped, stored(CORE_API))));
    }

    /** The version of {@code pkg} in its stored baseline (what was released; the source may be a minor ahead). */
    private static String released(String pkg) throws IOException {
        return exported(stored(CORE_API), pkg);
    }

    /** The version {@code bundle} exports {@code pkg} at. */
    private static String exported(Path bundle, String pkg) throws IOException {
        try (JarFile jar = new JarFile(bundle.toFile())) {
            String exports = jar.getManifest().getMainAttributes().getValue("Export-Package");
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile(java.util.regex.Pattern.quote(pkg) + ";version=\"([0-9.]+)\"").matcher(exports);
            assertTrue(m.find(), pkg + " not exported by " + bundle + ": " + exports);
            return m.group(1);
        }
    }

    private static String nextMinor(String version) {
        String[] v = version.split("\\.");
        return v[0] + "." + (Integer.parseInt(v[1]) + 1) + ".0";
    }

    private static String nextMajor(String version) {
        return (Integer.parseInt(version.split("\\.")[0]) + 1) + ".0.0";
    }

    // ---- the engine of bnd-baseline-maven-plugin

    private static List<Info> mismatches(Path newer, Path older) throws Exception {
        try (Processor reporter = new Processor(); Jar n = new Jar(newer.toFile()); Jar o = new Jar(older.toFile())) {
            Baseline baseline = new Baseline(reporter, new DiffPluginImpl());
            return baseline.baseline(n, o, null).stream().filter(i -> i.mismatch)
                    .sorted((a, b) -> a.packageName.compareTo(b.packageName)).collect(Collectors.toList());
        }
    }

    private static List<String> describe(List<Info> mismatches) {
        return mismatches.stream()
                .map(i -> i.packageName + " " + i.newerVersion + " must be " + i.suggestedVersion)
                .collect(Collectors.toList());
    }

    private static Path built(String module, String artifactId) {
        Path jar = ROOT.resolve(module).resolve("target").resolve(artifactId + "-0.1.0-SNAPSHOT.jar");
        assertTrue(Files.isRegularFile(jar), jar + " not built (the reactor builds it before this module)");
        return jar;
    }

    private static Path stored(String artifactId) {
        Path jar = ROOT.resolve("cnf/baseline/repository/org/infinergi").resolve(artifactId).resolve("0.0.1")
                .resolve(artifactId + "-0.0.1.jar");
        assertTrue(Files.isRegularFile(jar), jar + " missing: the stored baseline (cnf/README.md)");
        return jar;
    }

    // ---- a deliberately changed copy of the current core API bundle

    /**
     * The current core.charging.api jar with one source file of package api or hal changed and recompiled, and the
     * package's exported version set to {@code exportVersion} (the released one: unchanged, as a careless change would
 * leave it).
     */
    private Path withChangedSource(String file, String from, String to, String exportVersion) throws IOException {
        Path current = built("core.charging.api", CORE_API);
        Path source = ROOT.resolve("core.charging.api/src/main/java/org/infinergi/core/charging").resolve(file);
        String text = Files.readString(source);
        assertTrue(text.contains(from), source + " no longer contains " + from.strip() + ": adapt this test");
        Path src = Files.createTempDirectory(dir, "src-").resolve(source.getFileName());
        Files.writeString(src, text.replace(from, to));
        Path classes = Files.createTempDirectory(dir, "classes-");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp",
                current + File.pathSeparator + System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, "the changed source compiles");
        String pkg = "org/infinergi/core/charging/" + file.substring(0, file.indexOf('/')) + "/";
        String packageName = pkg.substring(0, pkg.length() - 1).replace('/', '.');
        Path out = Files.createTempFile(dir, "changed-", ".jar");
        try (JarFile in = new JarFile(current.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            if (exportVersion != null) {
                Attributes main = manifest.getMainAttributes();
                main.putValue("Export-Package", main.getValue("Export-Package")
                        .replaceAll(packageName.replace(".", "\\.") + ";version=\"[0-9.]+\"",
                                packageName + ";version=\"" + exportVersion + "\""));
            }
            try (OutputStream f = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(f, manifest)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.getName().equals(JarFile.MANIFEST_NAME) || e.getName().equals("META-INF/")) {
                        continue;
                    }
                    jar.putNextEntry(new JarEntry(e.getName()));
                    Path recompiled = classes.resolve(e.getName());
                    if (e.getName().startsWith(pkg) && Files.isRegularFile(recompiled)) {
                        Files.copy(recompiled, jar);
                    } else {
                        try (InputStream body = in.getInputStream(e)) {
                            body.transferTo(jar);
                        }
                    }
                    jar.closeEntry();
                }
            }
        }
        return out;
    }
}
