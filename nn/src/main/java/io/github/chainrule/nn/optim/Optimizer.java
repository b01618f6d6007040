package io.github.chainrule.nn.optim;

import io.github.chainrule.autodiff.FiniteValues;
import io.github.chainrule.autodiff.Grad;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Updates parameters from their accumulated gradients. The gradients come from the graph
 * ({@code loss.backward()}); an optimiser only turns them into new values.
 *
 * <p><b>All or nothing.</b> {@link #step()} writes every parameter's new values in place
 * ({@link Tensor#updateInPlace}, the one mutation the design allows), keeping the old ones, and
 * the optimiser's new state aside; it checks them (gradient shapes, finite results) and makes
 * the new state current only when every parameter passed. A NaN gradient anywhere therefore
 * leaves every parameter, and the optimiser's state, unchanged, and the exception names the
 * parameter. Large parameters are updated in chunks on several threads ({@code
 * chainrule.threads}, as the matrix kernels).
 *
 * <p>Parameters whose gradient is null (not reached by backward) are skipped, as PyTorch does,
 * and so are frozen parameters ({@link Parameter#freeze()}): a parameter may be frozen and
 * unfrozen at any time after the optimiser is made, and its state (momentum, moments) waits
 * for it meanwhile.
 */
public abstract class Optimizer {
    private static final String LEARNING_RATE = "lr";

    private final String kind;
    private final List<String> names;
    private final List<Parameter> params;
    private final double[][] backups;
    private double learningRate;

    /**
     * An optimiser over the given named parameters.
     *
     * @param kind the optimiser's name for messages, e.g. "SGD"
     * @throws IllegalArgumentException when there are no parameters or the learning rate is
     *     not a finite number ≥ 0
     */
    protected Optimizer(String kind, Map<String, Parameter> parameters, double learningRate) {
        this.kind = kind;
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(kind + ": no parameters to optimise");
        }
        this.names = List.copyOf(parameters.keySet());
        this.params = List.copyOf(parameters.values());
        this.backups = new double[params.size()][];
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
        // One fused pass per parameter, in place and in parallel chunks: each chunk keeps its old
        // values in a backup, writes the new values and the new state (into pending buffers),
        // and checks them while they are in cache. A failure restores the backups and discards
        // the pending state, so the step stays all or nothing; success only swaps the state
        // buffers. Before, a dry pass computed every value, a second pass checked the gradient
        // and a third wrote: twice the memory traffic, on one thread.
        try (Grad.Scope off = Grad.disabled()) {
            boolean[] active = new boolean[params.size()];
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                Tensor grad = p.grad();
                if (grad == null || !p.requiresGrad()) {
                    continue;
                }
                if (!Arrays.equals(grad.shape(), p.shape())) {
                    throw failure(names.get(i), "gradient of shape " + Arrays.toString(grad.shape())
                            + " does not match the parameter's " + Arrays.toString(p.shape()));
                }
                active[i] = true;
            }
            for (int i = 0; i < params.size(); i++) {
                if (active[i] && !updateAndCheck(i)) {
                    String why = describeFailure(i);
                    for (int j = 0; j <= i; j++) {
                        if (active[j]) {
                            restore(j);
                        }
                    }
                    throw failure(names.get(i), why);
                }
            }
            for (int i = 0; i < params.size(); i++) {
                if (active[i]) {
                    accept(i);
                }
            }
        }
    }

    /** Updates parameter i in place, chunk by chunk; false when a new value is not finite. */
    private boolean updateAndCheck(int i) {
        Parameter p = params.get(i);
        int n = p.size();
        if (backups[i] == null) {
            backups[i] = new double[n];
        }
        prepare(i, n);
        double[] backup = backups[i];
        double lr = learningRate;
        boolean[] finite = {true};
        p.value().updateInPlace((w, g) -> ParallelPasses.forEachChunk(n, c -> {
            int from = c * ParallelPasses.CHUNK;
            int to = Math.min(n, from + ParallelPasses.CHUNK);
            System.arraycopy(w, from, backup, from, to - from);
            update(i, w, g, from, to, lr);
            // The gradient too (while in cache): an update that ignored a NaN must not pass it.
            if (!FiniteValues.allFinite(w, from, to) || !FiniteValues.allFinite(g, from, to)) {
                finite[0] = false;   // only ever set to false, and read after every chunk has joined
            }
        }));
        return finite[0];
    }

    /** Why parameter i failed: its gradient, or else the first new value, is not finite. */
    private String describeFailure(int i) {
        double[] g = params.get(i).grad().toArray();
        int bad = firstNonFinite(g);
        if (bad >= 0) {
            return "gradient is " + g[bad] + " at index " + bad;
        }
        double[] w = params.get(i).value().toArray();
        bad = firstNonFinite(w);
        return "the new value would be " + w[bad] + " at index " + bad;
    }

    private void restore(int i) {
        double[] backup = backups[i];
        params.get(i).value().updateInPlace((w, g) -> System.arraycopy(backup, 0, w, 0, w.length));
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
     * Called once per step for each parameter about to be updated, before its {@link #update}
     * calls: allocate the pending state buffers here (once; they are reused).
     *
     * @param index the parameter's position
     * @param size its number of elements
     */
    protected void prepare(int index, int size) {
    }

    /**
     * This optimiser's update of elements [from, to) of parameter {@code index}: overwrite
     * {@code values[from, to)} with the new values, and write the new state for those elements
     * into pending buffers, reading the current state only. Chunks of one parameter may run
     * concurrently on different threads; they touch disjoint ranges. The new state becomes
     * current only when the whole step succeeds ({@link #accept}); otherwise the base class
     * restores the values and the pending state is overwritten by the next step.
     *
     * @param index the parameter's position (stable for this optimiser's life)
     * @param values the parameter's own values, row-major
     * @param grad the gradient, row-major (read only)
     * @param from the first element to update
     * @param to one past the last
     * @param learningRate η
     */
    protected abstract void update(int index, double[] values, double[] grad, int from, int to, double learningRate);

    /** Makes the pending state of parameter {@code index} (written by {@link #update}) its current state. */
    protected abstract void accept(int index);

    /**
     * The optimiser's state, as PyTorch's {@code optimizer.state_dict()}: the learning rate
     * ({@code "lr"}, 0-d) and, for every parameter that has state, its arrays and counters under
     * {@code "<parameter>.<state>"} (e.g. {@code "layers.0.weight.momentum_buffer"} for SGD,
     * {@code "…exp_avg"}, {@code "…exp_avg_sq"} and {@code "…step"} for Adam). The tensors are
     * copies. With {@link #loadStateDict} into an optimiser of the same kind and settings over
     * the same parameters, later steps equal those this optimiser would take, bit for bit.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(LEARNING_RATE, Tensor.scalar(learningRate));
        for (int i = 0; i < params.size(); i++) {
            for (String state : arrayState()) {
                double[] values = arrayState(state)[i];
                if (values != null) {
                    out.put(names.get(i) + "." + state, Tensor.of(values.clone(), params.get(i).shape()));
                }
            }
            for (String counter : counterState()) {
                out.put(names.get(i) + "." + counter, Tensor.scalar(counterState(counter)[i]));
            }
        }
        return out;
    }

    /**
     * Replaces the learning rate and every parameter's state by those of {@code state} (from
     * {@link #stateDict()}); a parameter whose arrays are absent starts afresh. Everything is
     * checked first, and nothing changes when a check fails.
     *
     * @throws IllegalArgumentException listing every unexpected name, shape mismatch, missing
     *     learning rate or counter, non-whole counter and incomplete set of arrays
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        List<String> problems = checkState(state);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(kind + ".loadStateDict: nothing was loaded; " + String.join("; ", problems));
        }
        setLearningRate(state.get(LEARNING_RATE).item());
        for (int i = 0; i < params.size(); i++) {
            for (String name : arrayState()) {
                Tensor t = state.get(names.get(i) + "." + name);
                arrayState(name)[i] = t == null ? null : t.toArray().clone();
            }
            for (String counter : counterState()) {
                counterState(counter)[i] = (int) state.get(names.get(i) + "." + counter).item();
            }
        }
    }

    /**
     * Every problem that {@link #loadStateDict} would refuse {@code state} for; empty when it
     * would load.
     */
    public final List<String> checkState(Map<String, Tensor> state) {
        List<String> problems = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        expected.add(LEARNING_RATE);
        Tensor lr = state.get(LEARNING_RATE);
        if (lr == null || lr.size() != 1 || !(lr.item() >= 0) || !Double.isFinite(lr.item())) {
            problems.add("'" + LEARNING_RATE + "' must be a finite learning rate >= 0");
        }
        for (int i = 0; i < params.size(); i++) {
            int present = 0;
            for (String name : arrayState()) {
                String key = names.get(i) + "." + name;
                expected.add(key);
                Tensor t = state.get(key);
                if (t != null) {
                    present++;
                    if (!Arrays.equals(t.shape(), params.get(i).shape())) {
                        problems.add("'" + key + "' has shape " + Arrays.toString(t.shape()) + " but the parameter has "
                                + Arrays.toString(params.get(i).shape()));
                    }
                }
            }
            if (present != 0 && present != arrayState().size()) {
                problems.add("parameter '" + names.get(i) + "' has only some of " + arrayState());
            }
            for (String counter : counterState()) {
                String key = names.get(i) + "." + counter;
                expected.add(key);
                Tensor t = state.get(key);
                if (t == null || t.size() != 1 || t.item() != Math.rint(t.item()) || t.item() < 0
                        || t.item() > Integer.MAX_VALUE) {
                    problems.add("'" + key + "' must be a whole count >= 0");
                }
            }
        }
        for (String key : state.keySet()) {
            if (!expected.contains(key)) {
                problems.add("unexpected '" + key + "'");
            }
        }
        return problems;
    }

    /**
     * The names of this optimiser's per-element state, one array of the parameter's shape per
     * parameter (PyTorch's names: {@code "momentum_buffer"}, {@code "exp_avg"}…); empty by default.
     */
    protected List<String> arrayState() {
        return List.of();
    }

    /**
     * The live state arrays named {@code name}, indexed by parameter (an entry is null until
     * the parameter's first committed step): read by {@link #stateDict()}, written by {@link
     * #loadStateDict}.
     */
    protected double[][] arrayState(String name) {
        throw new IllegalArgumentException(kind + " has no state '" + name + "'");
    }

    /** The names of this optimiser's per-parameter counters (e.g. {@code "step"}); empty by default. */
    protected List<String> counterState() {
        return List.of();
    }

    /** The live counters named {@code name}, indexed by parameter. */
    protected int[] counterState(String name) {
        throw new IllegalArgumentException(kind + " has no counter '" + name + "'");
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
