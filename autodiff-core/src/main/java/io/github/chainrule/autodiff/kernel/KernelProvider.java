package io.github.chainrule.autodiff.kernel;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Chooses, once per JVM, which {@link Kernels} implementation the library uses (the pattern of
 * Apache Lucene's {@code VectorizationProvider}).
 *
 * <p>{@link VectorKernels} is chosen when the module {@code jdk.incubator.vector} is in the boot
 * layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and its classes
 * link; otherwise {@link PlainKernels}, and the choice is logged once, at {@code WARNING} through
 * {@link System.Logger}, naming the flag, since the plain kernels are several times slower on
 * matrix products. The system property {@code chainrule.kernels} set to {@code plain} or
 * {@code vector} overrides the choice (an explicit {@code plain} logs nothing); {@code vector}
 * still falls back to plain when the module is missing, since there is nothing else to run.
 * {@link Kernels#describe()} tells which kernels (and which micro-kernel) were chosen.
 */
public final class KernelProvider {

    /** The flag that makes the Vector API readable; the warning names it. */
    static final String FLAG = "--add-modules jdk.incubator.vector";

    private static final Kernels INSTANCE = choose();

    private KernelProvider() {
    }

    /** The kernels chosen at class initialisation; the same instance on every call. */
    public static Kernels get() {
        return INSTANCE;
    }

    private static Kernels choose() {
        return choose(System.getProperty("chainrule.kernels"), vectorModuleInBootLayer(), KernelProvider::warn);
    }

    private static void warn(String message) {
        System.getLogger(KernelProvider.class.getName()).log(System.Logger.Level.WARNING, message);
    }

    /**
     * The choice for a given value of {@code chainrule.kernels} ({@code null}, {@code "plain"},
     * {@code "vector"}; anything else counts as unset) on this JVM, without logging; separate
     * from class initialisation so tests can exercise the override.
     */
    static Kernels choose(String forced) {
        return choose(forced, vectorModuleInBootLayer(), message -> { });
    }

    /**
     * The choice for a given setting when the Vector API module is or is not readable;
     * {@code warning} receives one message when the plain kernels are chosen for want of it.
     */
    static Kernels choose(String forced, boolean vectorModuleReadable, Consumer<String> warning) {
        String choice = forced == null ? "" : forced.trim().toLowerCase(Locale.ROOT);
        if (choice.equals("plain")) {
            return new PlainKernels();
        }
        if (!vectorModuleReadable) {
            warning.accept("Java vector incubator module is not readable: using plain-Java kernels,"
                    + " several times slower on matrix products. For the Vector API kernels, pass '"
                    + FLAG + "' to the JVM.");
            return new PlainKernels();
        }
        try {
            if (VectorKernels.worthwhile()) {
                return new VectorKernels();
            }
            return new PlainKernels();
        } catch (LinkageError | SecurityException e) {
            warning.accept("The Vector API module is present but its kernels do not load (" + e
                    + "): using plain-Java kernels.");
            return new PlainKernels();
        }
    }

    /**
     * Whether {@code jdk.incubator.vector} is in the boot layer. Checked before touching any
     * Vector API class, whose loading would fail with a LinkageError when the module is absent.
     */
    private static boolean vectorModuleInBootLayer() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
