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
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private double weightDecay;
    private final boolean decoupled;
    private final double[][] m;
    private final double[][] v;
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

    /** Buffers {@code m}, {@code v} (the moments) and {@code step} (t, one value). */
    @Override
    protected final void writeState(int index, Map<String, double[]> out) {
        if (m[index] != null) {
            out.put("m", m[index]);
            out.put("v", v[index]);
            out.put("step", new double[] {steps[index]});
        }
    }

    @Override
    protected final String readState(int index, Map<String, double[]> buffers, boolean commit) {
        if (buffers.isEmpty()) {
            if (commit) {
                m[index] = null;
                v[index] = null;
                steps[index] = 0;
            }
            return null;
        }
        int n = parameterSize(index);
        double[] mi = buffers.get("m");
        double[] vi = buffers.get("v");
        double[] t = buffers.get("step");
        if (buffers.size() != 3 || mi == null || vi == null || t == null) {
            return "needs the buffers [m, v, step], got " + buffers.keySet();
        }
        if (mi.length != n || vi.length != n || t.length != 1) {
            return "m and v need " + n + " values and step one, got " + mi.length + ", " + vi.length + " and " + t.length;
        }
        if (!(t[0] >= 1) || t[0] != Math.rint(t[0]) || t[0] > Integer.MAX_VALUE) {
            return "step must be a whole number >= 1, got " + t[0];
        }
        if (commit) {
            m[index] = mi;
            v[index] = vi;
            steps[index] = (int) t[0];
        }
        return null;
    }

    @Override
    protected final int update(int index, double[] w, double[] g, double lr, boolean commit) {
        int n = w.length;
        int t = steps[index] + 1;
        double[] mi = m[index];
        double[] vi = v[index];
        if (commit && mi == null) {
            // Allocated once, at the first committed step; the moments are 0 before it.
            mi = m[index] = new double[n];
            vi = v[index] = new double[n];
        }
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < n; i++) {
            double gi = decoupled ? g[i] : g[i] + weightDecay * w[i];
            double newM = beta1 * (mi == null ? 0 : mi[i]) + (1 - beta1) * gi;
            double newV = beta2 * (vi == null ? 0 : vi[i]) + (1 - beta2) * gi * gi;
            double mHat = newM / c1;
            double vHat = newV / c2;
            double decay = decoupled ? lr * weightDecay * w[i] : 0;
            double updated = w[i] - decay - lr * mHat / (Math.sqrt(vHat) + epsilon);
            if (commit) {
                mi[i] = newM;
                vi[i] = newV;
                w[i] = updated;
            } else if (!Double.isFinite(updated)) {
                return rejected(i, updated);
            }
        }
        if (commit) {
            steps[index] = t;
        }
        return -1;
    }
}
