package io.github.chainrule.nn.optim;

import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba, 2015), as PyTorch's {@code torch.optim.Adam}. With gradient g, step
 * t = 1, 2, … (counted per parameter), and L2 weight decay λ (added to the gradient):
 * <pre>
 *   g' = g + λ w
 *   m  ← β₁ m + (1 − β₁) g'          v ← β₂ v + (1 − β₂) g'²
 *   m̂  = m / (1 − β₁ᵗ)               v̂ = v / (1 − β₂ᵗ)          (bias correction)
 *   w  ← w − η m̂ / (√v̂ + ε)
 * </pre>
 * {@link AdamW} decouples the decay from the gradient instead.
 */
public class Adam extends Optimizer {
    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";
    private static final String STEP = "step";

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private double weightDecay;
    private final boolean decoupled;
    private final double[][] m;
    private final double[][] v;
    private final double[][] pendingM;
    private final double[][] pendingV;
    private final int[] steps;

    /** Adam over the given named parameters with learning rate η; β₁ 0.9, β₂ 0.999, ε 1e-8. */
    public Adam(Map<String, Parameter> parameters, double learningRate) {
        this("Adam", parameters, learningRate, false);
    }

    /** Adam over all of {@code module}'s parameters. */
    public Adam(Module module, double learningRate) {
        this(of(module), learningRate);
    }

    /** Adam over a list of parameters (named by position in messages). */
    public Adam(List<Parameter> parameters, double learningRate) {
        this(indexed(parameters), learningRate);
    }

    /** For {@link AdamW}: the same moments, with decoupled decay when {@code decoupled}. */
    Adam(String kind, Map<String, Parameter> parameters, double learningRate, boolean decoupled) {
        super(kind, parameters, learningRate);
        this.decoupled = decoupled;
        this.m = new double[parameterCount()][];
        this.v = new double[parameterCount()][];
        this.pendingM = new double[parameterCount()][];
        this.pendingV = new double[parameterCount()][];
        this.steps = new int[parameterCount()];
    }

    /** Sets β₁, β₂ ∈ [0, 1); returns this. */
    public Adam betas(double b1, double b2) {
        this.beta1 = checkRange("beta1", b1, 0, 1);
        this.beta2 = checkRange("beta2", b2, 0, 1);
        return this;
    }

    /** Sets ε &gt; 0, added to √v̂ to avoid dividing by zero; returns this. */
    public Adam epsilon(double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("Adam: epsilon must be finite and positive, got " + eps);
        }
        this.epsilon = eps;
        return this;
    }

    /** Sets the weight decay λ ≥ 0 (L2 in Adam, decoupled in AdamW); returns this. */
    public Adam weightDecay(double lambda) {
        this.weightDecay = checkRange("weight decay", lambda, 0, Double.POSITIVE_INFINITY);
        return this;
    }

    @Override
    protected final List<String> arrayState() {
        return List.of(EXP_AVG, EXP_AVG_SQ);
    }

    @Override
    protected final double[][] arrayState(String name) {
        return switch (name) {
            case EXP_AVG -> m;
            case EXP_AVG_SQ -> v;
            default -> super.arrayState(name);
        };
    }

    @Override
    protected final List<String> counterState() {
        return List.of(STEP);
    }

    @Override
    protected final int[] counterState(String name) {
        return STEP.equals(name) ? steps : super.counterState(name);
    }

    @Override
    protected final void prepare(int index, int size) {
        if (m[index] == null) {
            // The moments are 0 before the first step.
            m[index] = new double[size];
            v[index] = new double[size];
        }
        if (pendingM[index] == null) {
            pendingM[index] = new double[size];
            pendingV[index] = new double[size];
        }
    }

    @Override
    protected final void update(int index, double[] w, double[] g, int from, int to, double lr) {
        // Fields and branches out of the loops, so that the JIT vectorises them (sqrt and divide).
        int t = steps[index] + 1;
        double[] mi = m[index];
        double[] vi = v[index];
        double[] newM = pendingM[index];
        double[] newV = pendingV[index];
        double b1 = beta1;
        double b2 = beta2;
        double eps = epsilon;
        double lambda = weightDecay;
        // PyTorch's arrangement: η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε), two divisions per element.
        double stepSize = lr / (1 - Math.pow(b1, t));
        double rootC2 = Math.sqrt(1 - Math.pow(b2, t));
        if (decoupled) {
            for (int i = from; i < to; i++) {
                double gi = g[i];
                double mNew = b1 * mi[i] + (1 - b1) * gi;
                double vNew = b2 * vi[i] + (1 - b2) * gi * gi;
                newM[i] = mNew;
                newV[i] = vNew;
                w[i] = w[i] - lr * lambda * w[i] - stepSize * mNew / (Math.sqrt(vNew) / rootC2 + eps);
            }
        } else {
            for (int i = from; i < to; i++) {
                double gi = g[i] + lambda * w[i];
                double mNew = b1 * mi[i] + (1 - b1) * gi;
                double vNew = b2 * vi[i] + (1 - b2) * gi * gi;
                newM[i] = mNew;
                newV[i] = vNew;
                w[i] = w[i] - stepSize * mNew / (Math.sqrt(vNew) / rootC2 + eps);
            }
        }
    }

    @Override
    protected final void accept(int index) {
        double[] current = m[index];
        m[index] = pendingM[index];
        pendingM[index] = current;
        current = v[index];
        v[index] = pendingV[index];
        pendingV[index] = current;
        steps[index]++;
    }
}
