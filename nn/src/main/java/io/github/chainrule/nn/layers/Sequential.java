package io.github.chainrule.nn.layers;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Modules applied one after another: {@code forward(x) = m_k(…m_1(m_0(x)))}. Submodules are
 * named by position, so parameters are {@code "0.weight"}, {@code "0.bias"}, {@code "2.weight"}…
 */
public final class Sequential extends Module {
    private final List<Module> modules = new ArrayList<>();

    /** A sequence of the given modules, in order. */
    public Sequential(Module... modules) {
        for (Module m : modules) {
            registerModule(Integer.toString(this.modules.size()), m);
            this.modules.add(m);
        }
    }

    /** A sequence of the given modules, in order. */
    public static Sequential of(Module... modules) {
        return new Sequential(modules);
    }

    /** The output of the last module. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Module m : modules) {
            h = m.forward(h);
        }
        return h;
    }

    /** The modules, in order (unmodifiable). */
    public List<Module> modules() {
        return Collections.unmodifiableList(modules);
    }

    /** The module at {@code index}. */
    public Module get(int index) {
        return modules.get(index);
    }

    /** The number of modules. */
    public int size() {
        return modules.size();
    }
}
