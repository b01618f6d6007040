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
    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    private double momentum;
    private boolean nesterov;
    private double weightDecay;
    private final double[][] velocity;
    private final double[][] pendingVelocity;

    /** Plain SGD over the given named parameters with learning rate η. */
    public SGD(Map<String, Parameter> parameters, double learningRate) {
        super("SGD", parameters, learningRate);
        this.velocity = new double[parameterCount()][];
        this.pendingVelocity = new double[parameterCount()][];
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

    @Override
    protected List<String> arrayState() {
        return List.of(MOMENTUM_BUFFER);
    }

    @Override
    protected double[][] arrayState(String name) {
        return MOMENTUM_BUFFER.equals(name) ? velocity : super.arrayState(name);
    }

    @Override
    protected void prepare(int index, int size) {
        if (momentum != 0 && velocity[index] == null) {
            // v = 0 before the first step, so the first v is g'.
            velocity[index] = new double[size];
        }
        if (momentum != 0 && pendingVelocity[index] == null) {
            pendingVelocity[index] = new double[size];
        }
    }

    @Override
    protected void update(int index, double[] w, double[] g, int from, int to, double lr) {
        // Fields and branches out of the loops, so that the JIT vectorises them.
        double lambda = weightDecay;
        double mu = momentum;
        if (mu == 0) {
            for (int i = from; i < to; i++) {
                w[i] = w[i] - lr * (g[i] + lambda * w[i]);
            }
            return;
        }
        double[] v = velocity[index];
        double[] newV = pendingVelocity[index];
        if (nesterov) {
            for (int i = from; i < to; i++) {
                double gd = g[i] + lambda * w[i];
                double nv = mu * v[i] + gd;
                newV[i] = nv;
                w[i] = w[i] - lr * (gd + mu * nv);
            }
        } else {
            for (int i = from; i < to; i++) {
                double gd = g[i] + lambda * w[i];
                double nv = mu * v[i] + gd;
                newV[i] = nv;
                w[i] = w[i] - lr * nv;
            }
        }
    }

    @Override
    protected void accept(int index) {
        if (momentum != 0) {
            double[] current = velocity[index];
            velocity[index] = pendingVelocity[index];
            pendingVelocity[index] = current;
        }
    }
}
