package io.github.chainrule.nn.optim;

import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, as PyTorch's {@code torch.optim.SGD} (no dampening). With
 * gradient g, weight decay λ, momentum μ and learning rate η:
 * <pre>
 *   g' = g + λ w                               (L2 weight decay)
 *   v  ← μ v + g'                              (v starts at 0, so the first v is g')
 *   w  ← w − η v                               (momentum)
 *   w  ← w − η (g' + μ v)                      (Nesterov, with the new v)
 *   w  ← w − η g'                              (μ = 0: the notes' plain step)
 * </pre>
 * For a cost averaged over a batch of m samples the plain step is the notes'
 * W ← W − (η/m) Σ_x δ^(x,l) (a^(x,l−1))ᵀ.
 */
public final class SGD extends Optimizer {
    private double momentum;
    private boolean nesterov;
    private double weightDecay;
    private final double[][] velocity;

    /** Plain SGD over the given named parameters with learning rate η. */
    public SGD(Map<String, Parameter> parameters, double learningRate) {
        super("SGD", parameters, learningRate);
        this.velocity = new double[parameterCount()][];
    }

    /** Plain SGD over all of {@code module}'s parameters. */
    public SGD(Module module, double learningRate) {
        this(of(module), learningRate);
    }

    /** Plain SGD over a list of parameters (named by position in messages). */
    public SGD(List<Parameter> parameters, double learningRate) {
        this(indexed(parameters), learningRate);
    }

    /** Sets the momentum μ ∈ [0, 1); returns this. */
    public SGD momentum(double mu) {
        this.momentum = checkRange("momentum", mu, 0, 1);
        return this;
    }

    /**
     * Uses Nesterov momentum; returns this.
     *
     * @throws IllegalStateException when the momentum is 0 (Nesterov needs momentum)
     */
    public SGD nesterov(boolean on) {
        if (on && momentum == 0) {
            throw new IllegalStateException("SGD: Nesterov needs a momentum > 0; set momentum(μ) first");
        }
        this.nesterov = on;
        return this;
    }

    /** Sets the L2 weight decay λ ≥ 0 (added to the gradient); returns this. */
    public SGD weightDecay(double lambda) {
        this.weightDecay = checkRange("weight decay", lambda, 0, Double.POSITIVE_INFINITY);
        return this;
    }

    /** Buffer {@code velocity} (with momentum, after the first step). */
    @Override
    protected void writeState(int index, Map<String, double[]> out) {
        if (velocity[index] != null) {
            out.put("velocity", velocity[index]);
        }
    }

    @Override
    protected String readState(int index, Map<String, double[]> buffers, boolean commit) {
        double[] v = buffers.get("velocity");
        if (buffers.size() != (v == null ? 0 : 1)) {
            return "needs at most the buffer [velocity], got " + buffers.keySet();
        }
        if (v != null && v.length != parameterSize(index)) {
            return "velocity needs " + parameterSize(index) + " values, got " + v.length;
        }
        if (commit) {
            velocity[index] = v;
        }
        return null;
    }

    @Override
    protected int update(int index, double[] w, double[] g, double lr, boolean commit) {
        int n = w.length;
        double[] v = velocity[index];
        if (commit && momentum != 0 && v == null) {
            // Allocated once, at the first committed step; v = 0 before it, so the first v is g'.
            v = velocity[index] = new double[n];
        }
        for (int i = 0; i < n; i++) {
            double gd = g[i] + weightDecay * w[i];
            double step = gd;
            double newV = 0;
            if (momentum != 0) {
                newV = momentum * (v == null ? 0 : v[i]) + gd;
                step = nesterov ? gd + momentum * newV : newV;
            }
            double updated = w[i] - lr * step;
            if (commit) {
                w[i] = updated;
                if (momentum != 0) {
                    v[i] = newV;
                }
            } else if (!Double.isFinite(updated)) {
                return rejected(i, updated);
            }
        }
        return -1;
    }
}
