package org.infinergi.core.charging.testing;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Felix SCR picks a component's activation constructor by its number of parameters ({@code init} in the component
 * description): a second public constructor of that arity (one for tests) makes the choice a coin toss that fails
 * at runtime only. A bundle's test calls {@link #checkOnePerActivationArity} on its built descriptions.
 */
public final class ComponentConstructors {

    private static final Pattern INIT = Pattern.compile("init=\"(\\d+)\"");
    private static final Pattern IMPL = Pattern.compile("<implementation class=\"([^\"]+)\"");

    private ComponentConstructors() {
    }

    /**
     * Checks every component description in {@code osgiInf} (bnd's output, e.g. {@code target/classes/OSGI-INF})
     * that activates through a constructor.
     *
     * @return how many components were checked
     * @throws AssertionError naming the first component with zero or several public constructors of its arity
     */
    public static int checkOnePerActivationArity(Path osgiInf) throws IOException, ClassNotFoundException {
        int checked = 0;
        try (DirectoryStream<Path> xmls = Files.newDirectoryStream(osgiInf, "*.xml")) {
            for (Path xml : xmls) {
                String text = Files.readString(xml);
                Matcher init = INIT.matcher(text);
                Matcher impl = IMPL.matcher(text);
                if (!init.find() || !impl.find()) {
                    continue;
                }
                check(Class.forName(impl.group(1)), Integer.parseInt(init.group(1)));
                checked++;
            }
        }
        return checked;
    }

    private static void check(Class<?> c, int arity) {
        long same = Arrays.stream(c.getConstructors()).filter(k -> Modifier.isPublic(k.getModifiers()))
                .map(Constructor::getParameterCount).filter(n -> n == arity).count();
        if (same != 1) {
            throw new AssertionError(c.getName() + ": " + same + " public constructors with " + arity
                    + " parameters, expected 1");
        }
    }
}
