package org.infinergi.itest;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunNotifier;
import org.junit.runner.Description;
import org.junit.runners.BlockJUnit4ClassRunner;
import org.junit.runners.model.FrameworkMethod;
import org.junit.runners.model.InitializationError;
import org.junit.runners.model.Statement;
import org.ops4j.pax.exam.ExamConfigurationException;
import org.ops4j.pax.exam.ExceptionHelper;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.TestAddress;
import org.ops4j.pax.exam.TestDirectory;
import org.ops4j.pax.exam.TestInstantiationInstruction;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.spi.ExamReactor;
import org.ops4j.pax.exam.spi.StagedExamReactor;
import org.ops4j.pax.exam.spi.reactors.ReactorManager;

/**
 * Runs a Pax Exam test class once in the plain image of every model of {@link Models#all()}: one container per
 * model folder, where Pax Exam's own runner wants one {@code @Configuration} method per container, i.e. a list of
 * models written in the test (issue 14 "A model is one folder"). Everything else is Pax Exam's: the same reactor
 * manager, probe, reactor strategy of the class ({@code @ExamReactorStrategy}) and in-container invoker; the test
 * methods run in the container with {@code @Inject}, each test once per model, named {@code test[image]}.
 * {@link Flavour} on the class picks another flavour of each model's image (the sim images).
 */
public final class EveryModelImage extends BlockJUnit4ClassRunner {

    /** Runs the class in each model's image of this flavour ({@code "sim"}: {@code infinergi-M-sim}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Flavour {
        String value();
    }

    private final ReactorManager manager;
    private final StagedExamReactor reactor;
    private final Map<FrameworkMethod, TestAddress> targets = new LinkedHashMap<>();

    public EveryModelImage(Class<?> testClass) throws InitializationError {
        super(testClass);
        try {
            Object instance = testClass.getDeclaredConstructor().newInstance();
            manager = ReactorManager.getInstance();
            ExamReactor unstaged = manager.prepareReactor(testClass, instance);
            Flavour flavour = testClass.getAnnotation(Flavour.class);
            List<String> images = Models.all().stream()
                    .map(model -> flavour == null ? model : model + "-" + flavour.value()).toList();
            for (String image : images) {
                unstaged.addConfiguration(boot(image, flavour));
            }
            Map<TestAddress, FrameworkMethod> tests = addTests(unstaged, testClass, instance);
            reactor = manager.stageReactor();
            target(tests, images);
        } catch (ReflectiveOperationException | IOException | ExamConfigurationException e) {
            throw new InitializationError(e);
        }
    }

    /**
     * The image as it ships (a plain one with its unit's serial); the sim flavours run side by side here, so each one's simulated MID meter and CT remote
     * device listen on free loopback ports instead of the images' fixed ones.
     */
    private static Option[] boot(String image, Flavour flavour) {
        if (flavour == null || !flavour.value().equals("sim")) {
            // with the serial the end of the production line writes (label §2.4): the web logins come from it
            return OptionUtils.combine(Images.boot(image),
                    editConfigurationFilePut("etc/org.infinergi.device.cfg", "serial", Http.SERIAL));
        }
        return OptionUtils.combine(Images.boot(image),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "midMeterPort", String.valueOf(Images.freePort())),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "ctRemotePort", String.valueOf(Images.freePort())));
    }

    private Map<TestAddress, FrameworkMethod> addTests(ExamReactor unstaged, Class<?> testClass, Object instance)
            throws IOException, ExamConfigurationException {
        TestProbeBuilder probe = manager.createProbeBuilder(instance);
        Map<TestAddress, FrameworkMethod> tests = new HashMap<>();
        for (FrameworkMethod method : super.getChildren()) {
            tests.put(probe.addTest(testClass, method.getName()), method);
        }
        unstaged.addProbe(probe);
        return tests;
    }

    /** One child per test and container; the containers come in the order of the configurations, per test. */
    private void target(Map<TestAddress, FrameworkMethod> tests, List<String> images) {
        Map<FrameworkMethod, Integer> seen = new HashMap<>();
        for (TestAddress address : reactor.getTargets()) {
            FrameworkMethod method = tests.get(address.root());
            if (method == null) {
                continue;
            }
            int n = seen.merge(method, 1, Integer::sum) - 1;
            String image = n < images.size() ? images.get(n) : address.caption();
            TestDirectory.getInstance().add(address, new TestInstantiationInstruction(
                    getTestClass().getJavaClass().getName() + ";" + method.getName()));
            targets.put(new InImage(method, image), address);
        }
    }

    @Override
    protected List<FrameworkMethod> getChildren() {
        return new ArrayList<>(targets.keySet());
    }

    @Override
    public void run(RunNotifier notifier) {
        Class<?> testClass = getTestClass().getJavaClass();
        try {
            manager.beforeClass(reactor, testClass);
            super.run(notifier);
        } catch (Throwable e) {
            notifier.fireTestFailure(new Failure(Description.createSuiteDescription(testClass), e));
        } finally {
            manager.afterClass(reactor, testClass);
        }
    }

    /** @BeforeClass and class rules run in the container, as with Pax Exam's runner, not here. */
    @Override
    protected Statement classBlock(RunNotifier notifier) {
        return childrenInvoker(notifier);
    }

    /** The test runs in the container through the probe; nothing of it runs on this side. */
    @Override
    protected Statement methodBlock(FrameworkMethod method) {
        TestAddress address = targets.get(method);
        return new Statement() {
            @Override
            public void evaluate() throws Throwable {
                try {
                    reactor.invoke(address);
                } catch (Exception e) {
                    throw ExceptionHelper.unwind(e);
                }
            }
        };
    }

    /** A test method as run in one image: its name says which. */
    private static final class InImage extends FrameworkMethod {
        private final String image;

        InImage(FrameworkMethod method, String image) {
            super(method.getMethod());
            this.image = image;
        }

        @Override
        public String getName() {
            return super.getName() + "[" + image + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InImage other && super.equals(other) && image.equals(other.image);
        }

        @Override
        public int hashCode() {
            return 31 * super.hashCode() + image.hashCode();
        }
    }
}
