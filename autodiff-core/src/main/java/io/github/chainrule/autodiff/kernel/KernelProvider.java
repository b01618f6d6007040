package io.github.chainrule.autodiff.kernel;

import java.util.Locale;

/**
 * Chooses, once per JVM, which {@link Kernels} implementation the library uses (the pattern of
 * Apache Lucene's {@code VectorizationProvider}).
 *
 * <p>{@link VectorKernels} is chosen when the module {@code jdk.incubator.vector} is in the boot
 * layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and its classes
 * link; otherwise {@link PlainKernels}. The system property {@code chainrule.kernels} set to
 * {@code plain} or {@code vector} overrides the choice; {@code vector} still falls back to plain
 * when the module is missing, since there is nothing else to run.
 */
public final class KernelProvider {

    private static final Kernels INSTANCE = choose();

    private KernelProvider() {
    }

    /** The kernels chosen at class initialisation; the same instance on every call. */
    public static Kernels get() {
        return INSTANCE;
    }

    private static Kernels choose() {
        return choose(System.getProperty("chainrule.kernels"));
    }

    /**
     * The choice for a given value of {@code chainrule.kernels} ({@code null}, {@code "plain"},
     * {@code "vector"}; anything else counts as unset); separate from class initialisation so
     * tests can exercise the override.
     */
    static Kernels choose(String forced) {
        String choice = forced == null ? "" : forced.trim().toLowerCase(Locale.ROOT);
        if (choice.equals("plain")) {
            return new PlainKernels();
        }
        Kernels vector = vectorIfAvailable();
        return vector != null ? vector : new PlainKernels();
    }

    /** VectorKernels, or null when the incubator module is absent or does not link. */
    private static Kernels vectorIfAvailable() {
        // Checking the boot layer first avoids even touching the Vector API classes, whose
        // loading would fail with a LinkageError when the module is not readable.
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return VectorKernels.worthwhile() ? new VectorKernels() : null;
        } catch (LinkageError | SecurityException e) {
            return null;
        }
    }
}
