package org.infinergi.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The READMEs name the exported API packages with their versions; a reader must be able to trust them. Every README
 * line that names an exported package and a version right after it (a table cell, or "`pkg` 1.2.0") must give the
 * version of the package's {@code package-info.java}.
 */
class ReadmeVersionsTest {

    private static final Path ROOT = Path.of(System.getProperty("infinergi.root", "../.."));
    private static final Pattern VERSION = Pattern.compile("@Version\\(\"([0-9]+\\.[0-9]+\\.[0-9]+)\"\\)");

    @Test
    void everyVersionAReadmeGivesForAnExportedPackageIsTheCodesVersion() throws IOException {
        Map<String, String> exported = exportedPackages();
        assertFalse(exported.isEmpty(), "no exported package found under " + ROOT.toAbsolutePath());
        List<String> disagreements = new ArrayList<>();
        for (Path readme : files("README.md")) {
            List<String> lines = Files.readAllLines(readme);
            for (int i = 0; i < lines.size(); i++) {
                for (Map.Entry<String, String> p : exported.entrySet()) {
                    Matcher m = Pattern.compile("`" + Pattern.quote(p.getKey()) + "`(?: \\| | )([0-9]+\\.[0-9]+\\.[0-9]+)")
                            .matcher(lines.get(i));
                    while (m.find()) {
                        if (!m.group(1).equals(p.getValue())) {
                            disagreements.add(ROOT.relativize(readme) + ":" + (i + 1) + " says " + p.getKey() + " "
                                    + m.group(1) + ", the code " + p.getValue());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }

    /** Package name → the version its package-info.java declares, for every exported package of the firmware. */
    private static Map<String, String> exportedPackages() throws IOException {
        Map<String, String> versions = new TreeMap<>();
        for (Path info : files("package-info.java")) {
            String text = Files.readString(info);
            Matcher v = VERSION.matcher(text);
            Matcher pkg = Pattern.compile("(?m)^package ([\\w.]+);").matcher(text);
            if (text.contains("@Export") && v.find() && pkg.find()) {
                versions.put(pkg.group(1), v.group(1));
            }
        }
        return versions;
    }

    private static List<Path> files(String name) throws IOException {
        try (Stream<Path> all = Files.walk(ROOT)) {
            return all.filter(p -> p.getFileName().toString().equals(name))
                    .filter(p -> !ROOT.relativize(p).toString().matches("(.*/)?(target|run|\\.git|node_modules)/.*"))
                    .filter(p -> !ROOT.relativize(p).startsWith("cnf/baseline/repository"))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
