package io.github.chainrule.nn;

import io.github.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A building block of a network: a function {@code forward(x)} with named parameters and named
 * submodules, in the style of PyTorch's {@code nn.Module}.
 *
 * <p>Names are hierarchical and ordered by registration: a {@code Linear} registered as
 * {@code "0"} contributes {@code "0.weight"} and {@code "0.bias"}; an MLP's second layer bias is
 * {@code "layers.1.bias"}. The same names key {@link #stateDict()} and {@link
 * #loadStateDict(Map)}, so a saved model can be read back by any reader of name → tensor maps.
 *
 * <p>A module holds no derivative: forward is written with tensor operations, and the graph
 * they record gives every gradient.
 */
public abstract class Module {
    private final Map<String, Parameter> ownParameters = new LinkedHashMap<>();
    private final Map<String, Buffer> ownBuffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a module with no parameters and no submodules. */
    protected Module() {
    }

    /**
     * The output for input {@code x}; for a batch the rows of {@code x} are samples.
     *
     * @param x input tensor
     * @return the output tensor, recorded in the graph when grad mode is on
     */
    public abstract Tensor forward(Tensor x);

    /**
     * Registers a parameter under {@code name} (no dots) and returns it.
     *
     * @throws IllegalArgumentException when the name is empty, contains a dot or is taken
     */
    protected final Parameter registerParameter(String name, Parameter parameter) {
        checkFreeName(name);
        ownParameters.put(name, parameter);
        return parameter;
    }

    /**
     * Registers a submodule under {@code name} (no dots) and returns it; its parameters appear
     * as {@code name + "." + theirName}.
     *
     * @throws IllegalArgumentException when the name is empty, contains a dot or is taken
     */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkFreeName(name);
        if (module == this) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": a module cannot contain itself");
        }
        children.put(name, module);
        return module;
    }

    /**
     * Registers a buffer (saved and loaded state that is not trained) under {@code name} (no
     * dots) and returns it.
     *
     * @throws IllegalArgumentException when the name is empty, contains a dot or is taken
     */
    protected final Buffer registerBuffer(String name, Buffer buffer) {
        checkFreeName(name);
        ownBuffers.put(name, buffer);
        return buffer;
    }

    private void checkFreeName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": invalid name '" + name
                    + "' (must be non-empty and contain no '.')");
        }
        if (ownParameters.containsKey(name) || ownBuffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' is already registered");
        }
    }

    /**
     * Puts this module and every submodule in training mode (the mode a module starts in), as
     * PyTorch's {@code module.train()}: layers such as {@code Dropout} then act as in training.
     *
     * @return this module
     */
    public final Module train() {
        setTraining(true);
        return this;
    }

    /**
     * Puts this module and every submodule in evaluation mode, as PyTorch's {@code
     * module.eval()}: layers such as {@code Dropout} then pass their input through unchanged.
     *
     * @return this module
     */
    public final Module eval() {
        setTraining(false);
        return this;
    }

    /** True in training mode (the default), false after {@link #eval()}. */
    public final boolean isTraining() {
        return training;
    }

    private void setTraining(boolean on) {
        training = on;
        for (Module child : children.values()) {
            child.setTraining(on);
        }
    }

    /** The directly registered submodules, in registration order (unmodifiable). */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * All parameters of this module and its submodules, depth first in registration order,
     * keyed by dotted path (e.g. {@code "layers.1.bias"}). A parameter shared by two
     * submodules is listed once, under its first name.
     */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        // Drop duplicates of shared parameters so optimisers never update one twice.
        Map<Parameter, Boolean> seen = new java.util.IdentityHashMap<>();
        out.values().removeIf(p -> seen.put(p, Boolean.TRUE) != null);
        return out;
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        for (Map.Entry<String, Parameter> e : ownParameters.entrySet()) {
            out.put(prefix + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", out);
        }
    }

    /**
     * All buffers of this module and its submodules, depth first in registration order, keyed
     * by dotted path as {@link #namedParameters()}.
     */
    public final Map<String, Buffer> namedBuffers() {
        Map<String, Buffer> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return out;
    }

    private void collectBuffers(String prefix, Map<String, Buffer> out) {
        for (Map.Entry<String, Buffer> e : ownBuffers.entrySet()) {
            out.put(prefix + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collectBuffers(prefix + e.getKey() + ".", out);
        }
    }

    /** All parameters, in the order of {@link #namedParameters()}. */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The total number of scalar values in all parameters. */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    /** Forgets the accumulated gradient of every parameter. */
    public final void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    /**
     * The current value of every parameter, keyed and ordered as {@link #namedParameters()},
     * then of every buffer ({@link #namedBuffers()}). The tensors are detached (they carry no
     * graph), and immutable like all tensors.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
            // A copy, not detach(): optimisers update parameter values in place, and a state dict
            // is a snapshot (e.g. the best weights so far) that later steps must not change.
            Tensor value = e.getValue().value();
            out.put(e.getKey(), Tensor.of(value.toArray(), value.shape()));
        }
        for (Map.Entry<String, Buffer> e : namedBuffers().entrySet()) {
            Tensor value = e.getValue().value();
            out.put(e.getKey(), Tensor.of(value.toArray(), value.shape()));
        }
        return out;
    }

    /**
     * Replaces every parameter's and buffer's value by the tensor of the same name. All names and shapes
     * (and finiteness of the values) are validated first; only when every check passes are the
     * values copied, so a failed load never leaves the model half-loaded.
     *
     * @throws IllegalArgumentException listing every missing name, unexpected name, shape
     *     mismatch and non-finite tensor
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Map<String, Parameter> params = namedParameters();
        Map<String, Buffer> buffers = namedBuffers();
        Map<String, int[]> expected = new LinkedHashMap<>();
        params.forEach((name, p) -> expected.put(name, p.shape()));
        buffers.forEach((name, b) -> expected.put(name, b.shape()));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            Tensor t = state.get(e.getKey());
            if (t == null) {
                problems.add("missing '" + e.getKey() + "' of shape " + Arrays.toString(e.getValue()));
            } else if (!Arrays.equals(t.shape(), e.getValue())) {
                problems.add("'" + e.getKey() + "' has shape " + Arrays.toString(t.shape()) + " but the model expects "
                        + Arrays.toString(e.getValue()));
            } else if (!allFinite(t)) {
                problems.add("'" + e.getKey() + "' holds NaN or infinite values");
            }
        }
        for (String name : state.keySet()) {
            if (!expected.containsKey(name)) {
                problems.add("unexpected '" + name + "' (the model has no such parameter)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict into " + getClass().getSimpleName()
                    + ": nothing was loaded; " + String.join("; ", problems));
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            e.getValue().assign(state.get(e.getKey()).toArray());
        }
        for (Map.Entry<String, Buffer> e : buffers.entrySet()) {
            e.getValue().set(state.get(e.getKey()));
        }
    }

    private static boolean allFinite(Tensor t) {
        for (double v : t.toArray()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The class name and the parameter names with shapes. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(');
        String sep = "";
        for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
            sb.append(sep).append(e.getKey()).append(Arrays.toString(e.getValue().shape()));
            sep = ", ";
        }
        return sb.append(')').toString();
    }
}
