package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Felix SCR picks the activation constructor by its number of parameters ({@code init}): a second public
 * constructor of that arity (one for tests) makes the choice a coin toss that fails at runtime only.
 */
class ComponentConstructorTest {

    private static final Pattern INIT = Pattern.compile("init=\"(\\d+)\"");
    private static final Pattern IMPL = Pattern.compile("<implementation class=\"([^\"]+)\"");

    @Test
    void everyComponentHasOnePublicConstructorOfItsActivationArity() throws IOException, ClassNotFoundException {
        int checked = 0;
        try (DirectoryStream<Path> xmls = Files.newDirectoryStream(Path.of("target/classes/OSGI-INF"), "*.xml")) {
            for (Path xml : xmls) {
                String text = Files.readString(xml);
                Matcher init = INIT.matcher(text);
                Matcher impl = IMPL.matcher(text);
                if (!init.find() || !impl.find()) {
                    continue;
                }
                int arity = Integer.parseInt(init.group(1));
                Class<?> c = Class.forName(impl.group(1));
                long same = Arrays.stream(c.getConstructors()).filter(k -> Modifier.isPublic(k.getModifiers()))
                        .map(Constructor::getParameterCount).filter(n -> n == arity).count();
                assertEquals(1, same, c.getName() + ": public constructors with " + arity + " parameters");
                checked++;
            }
        }
        assertTrue(checked >= 10, "the components were checked: " + checked);
    }
}
