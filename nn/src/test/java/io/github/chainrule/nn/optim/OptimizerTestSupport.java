package io.github.chainrule.nn.optim;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parameters with gradients set by hand, so that optimiser arithmetic is tested in isolation. */
final class OptimizerTestSupport {
    private OptimizerTestSupport() {
    }

    static Parameter param(double... values) {
        return Parameter.of(Tensor.vector(values));
    }

    static void grad(Parameter p, double... g) {
        p.setGrad(Tensor.vector(g));
    }

    static Map<String, Parameter> named(String name, Parameter p) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        m.put(name, p);
        return m;
    }
}
