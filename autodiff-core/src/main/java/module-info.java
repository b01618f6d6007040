/**
 * The chainrule autodiff engine: {@link io.github.chainrule.autodiff.Scalar} and
 * {@link io.github.chainrule.autodiff.Tensor} graphs, one backward engine, the op catalogue,
 * CPU kernels and gradient checking.
 *
 * <p>The module requires {@code jdk.incubator.vector}, so an application on the module path
 * gets the Vector API kernels without any flag. On the class path the JVM needs
 * {@code --add-modules jdk.incubator.vector} for them; without it the plain-Java kernels run
 * and a line at first use says so.
 */
module io.github.chainrule.autodiff {
    requires jdk.incubator.vector;
    // Tensor.rand/randn and the catalogue's samplers take commons-math3's RandomGenerator.
    requires transitive commons.math3;

    exports io.github.chainrule.autodiff;
    exports io.github.chainrule.autodiff.catalogue;
    exports io.github.chainrule.autodiff.check;
    exports io.github.chainrule.autodiff.concurrent;
    exports io.github.chainrule.autodiff.engine;
    exports io.github.chainrule.autodiff.kernel;
    exports io.github.chainrule.autodiff.ops;
}
