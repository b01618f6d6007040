package io.github.chainrule.nn.optim;

import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their accumulated gradients. The gradients come from the graph
 * ({@code loss.backward()}); an optimiser only turns them into new values.
 *
 * <p><b>All or nothing.</b> {@link #step()} first computes every parameter's new values and
 * the optimiser's new state, validates them (gradient shapes, finite gradients, finite
 * results) and only then writes them all, in place into each parameter's leaf
 * ({@link Tensor#updateInPlace}, the one mutation the design allows). A NaN gradient
 * anywhere therefore leaves every parameter, and the optimiser's state, unchanged, and the exception names the parameter.
 *
 * <p>Parameters whose gradient is null (not reached by backward) are skipped, as PyTorch does.
 * Parameters that do not require grad are refused when the optimiser is made.
 */
public abstract class Optimizer {
    private final String kind;
    private final List<String> names;
    private final List<Parameter> params;
    private double learningRate;
    private double rejectedValue;

    /**
     * An optimiser over the given named parameters.
     *
     * @param kind the optimiser's name for messages, e.g. "SGD"
     * @throws IllegalArgumentException when there are no parameters, a parameter does not
     *     require grad, or the learning rate is not a finite number ≥ 0
     */
    protected Optimizer(String kind, Map<String, Parameter> parameters, double learningRate) {
        this.kind = kind;
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(kind + ": no parameters to optimise");
        }
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            if (!e.getValue().requiresGrad()) {
                throw new IllegalArgumentException(kind + ": parameter '" + e.getKey()
                        + "' does not require grad (it is frozen); pass only trainable parameters");
            }
        }
        this.names = List.copyOf(parameters.keySet());
        this.params = List.copyOf(parameters.values());
        setLearningRate(learningRate);
    }

    /** Names parameters of a plain list {@code "0"}, {@code "1"}, … for messages. */
    protected static Map<String, Parameter> indexed(List<Parameter> parameters) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            out.put(Integer.toString(i), parameters.get(i));
        }
        return out;
    }

    /** The named parameters of {@code module}. */
    protected static Map<String, Parameter> of(Module module) {
        return module.namedParameters();
    }

    /** The current learning rate η. */
    public final double learningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate η (e.g. from a {@link LearningRateSchedule}).
     *
     * @throws IllegalArgumentException when η is NaN, infinite or negative
     */
    public final void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException(kind + ": learning rate must be a finite number >= 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** The optimised parameters by name, in order (unmodifiable). */
    public final Map<String, Parameter> parameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            out.put(names.get(i), params.get(i));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Forgets the accumulated gradients of all optimised parameters. */
    public final void zeroGrad() {
        for (Parameter p : params) {
            p.zeroGrad();
        }
    }

    /**
     * Updates every parameter that has a gradient, all or nothing (see the class comment).
     *
     * @throws IllegalStateException naming the parameter when a gradient has the wrong shape
     *     or is not finite, or a new value would not be finite; nothing is changed then
     */
    public final void step() {
        // Two passes so that the update can happen in place and still be all or nothing: the
        // first validates every gradient and computes every new value without writing it; the
        // second, reached only when all are valid, writes values and state. The dry pass costs
        // arithmetic on data that the write pass then finds in cache; the alternative, new
        // arrays per parameter per step, cost 11.5 MB of allocation per step of the benchmark MLP.
        try (Grad.Scope off = Grad.disabled()) {
            boolean[] touched = new boolean[params.size()];
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                Tensor grad = p.grad();
                if (grad == null) {
                    continue;
                }
                String name = names.get(i);
                if (!Arrays.equals(grad.shape(), p.shape())) {
                    throw failure(name, "gradient of shape " + Arrays.toString(grad.shape())
                            + " does not match the parameter's " + Arrays.toString(p.shape()));
                }
                int index = i;
                p.value().updateInPlace((w, g) -> {
                    int bad = firstNonFinite(g);
                    if (bad >= 0) {
                        throw failure(name, "gradient is " + g[bad] + " at index " + bad);
                    }
                    bad = update(index, w, g, learningRate, false);
                    if (bad >= 0) {
                        throw failure(name, "the new value would be " + rejectedValue + " at index " + bad);
                    }
                });
                touched[i] = true;
            }
            // Everything is validated: commit values and state together.
            for (int i = 0; i < params.size(); i++) {
                if (touched[i]) {
                    int index = i;
                    params.get(i).value().updateInPlace((w, g) -> update(index, w, g, learningRate, true));
                }
            }
        }
    }

    private IllegalStateException failure(String name, String what) {
        return new IllegalStateException(kind + ".step: parameter '" + name + "': " + what + "; no parameter was changed");
    }

    private static int firstNonFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * This optimiser's update of parameter {@code index}, written once for both passes of
     * {@link #step()}. With {@code commit} false it changes nothing and returns the index of
     * the first element whose new value would not be finite (through {@link #rejected}), or
     * −1; with {@code commit} true it overwrites {@code values} with the new values, stores the
     * optimiser's new state for the parameter, and returns −1.
     *
     * @param index the parameter's position (stable for this optimiser's life)
     * @param values the parameter's own values, row-major: written only when {@code commit}
     * @param grad the gradient, row-major (finite; read only)
     * @param learningRate η
     * @param commit whether to write values and state
     */
    protected abstract int update(int index, double[] values, double[] grad, double learningRate, boolean commit);

    /**
     * A copy of the optimiser's state: per parameter, its buffers (SGD's velocity, Adam's
     * moments and step count), keyed {@code "<parameter name>.<buffer>"}; empty before the
     * first step. With the parameters' values and the learning rate it is all that
     * {@link #step()} depends on, so {@link #loadState} into an optimiser of the same kind and
     * hyperparameters continues the same trajectory (checkpoints, distributed replicas).
     */
    public final Map<String, double[]> state() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Map<String, double[]> buffers = new LinkedHashMap<>();
            writeState(i, buffers);
            for (Map.Entry<String, double[]> e : buffers.entrySet()) {
                out.put(names.get(i) + "." + e.getKey(), e.getValue().clone());
            }
        }
        return out;
    }

    /**
     * Replaces the optimiser's state by {@code state} (as {@link #state()} returns it), all or
     * nothing: every key and length is checked before anything is written.
     *
     * @throws IllegalArgumentException naming the parameter or key that does not fit
     */
    public final void loadState(Map<String, double[]> state) {
        List<Map<String, double[]>> perParameter = new java.util.ArrayList<>();
        int used = 0;
        for (int i = 0; i < params.size(); i++) {
            String prefix = names.get(i) + ".";
            Map<String, double[]> buffers = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : state.entrySet()) {
                if (e.getKey().startsWith(prefix) && e.getKey().indexOf('.', prefix.length()) < 0) {
                    buffers.put(e.getKey().substring(prefix.length()), e.getValue().clone());
                }
            }
            used += buffers.size();
            String problem = readState(i, buffers, false);
            if (problem != null) {
                throw new IllegalArgumentException(kind + ".loadState: parameter '" + names.get(i) + "': " + problem
                        + "; nothing was loaded");
            }
            perParameter.add(buffers);
        }
        if (used != state.size()) {
            throw new IllegalArgumentException(kind + ".loadState: " + (state.size() - used)
                    + " keys name no parameter of this optimiser (keys: " + state.keySet() + "); nothing was loaded");
        }
        for (int i = 0; i < params.size(); i++) {
            readState(i, perParameter.get(i), true);
        }
    }

    /**
     * Puts parameter {@code index}'s state buffers into {@code out} by buffer name (nothing
     * when it has none yet). The default has no state.
     */
    protected void writeState(int index, Map<String, double[]> out) {
    }

    /**
     * Checks parameter {@code index}'s buffers (possibly empty: no state yet) and, when
     * {@code commit}, makes them its state (the arrays are the optimiser's to keep).
     *
     * @return null when they fit, else what is wrong (then nothing may have been written)
     */
    protected String readState(int index, Map<String, double[]> buffers, boolean commit) {
        return buffers.isEmpty() ? null : "this optimiser has no state, got " + buffers.keySet();
    }

    /** The number of values of parameter {@code index}. */
    protected final int parameterSize(int index) {
        return params.get(index).value().size();
    }

    /** For {@link #update}'s dry run: reports element {@code i}'s non-finite new value; returns i. */
    protected final int rejected(int i, double newValue) {
        rejectedValue = newValue;
        return i;
    }

    /** The number of parameters. */
    protected final int parameterCount() {
        return params.size();
    }

    /** Checks a hyperparameter lies in [lo, hi) and is finite; the message names it. */
    protected final double checkRange(String what, double value, double lo, double hi) {
        if (!(value >= lo && value < hi)) {
            throw new IllegalArgumentException(kind + ": " + what + " must be in [" + lo + ", " + hi + "), got " + value);
        }
        return value;
    }
}
