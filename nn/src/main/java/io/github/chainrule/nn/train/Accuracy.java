package io.github.chainrule.nn.train;

import io.github.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * The fraction of samples classified correctly. Three readings of the output:
 * <ul>
 *   <li>{@link #ofClasses()}: output (m, k) of scores; the prediction is the argmax, compared
 *       with labels (m) or with the argmax of one-hot targets (m, k);
 *   <li>{@link #ofLogits()}: one logit per sample, (m) or (m, 1); the prediction is x &gt; 0;
 *   <li>{@link #ofProbabilities()}: one probability per sample; the prediction is p &gt; 0.5.
 * </ul>
 * For the two binary forms a target counts as class 1 when it is above ½.
 */
public final class Accuracy implements Metric {
    private final double threshold;
    private final boolean argmax;

    private Accuracy(boolean argmax, double threshold) {
        this.argmax = argmax;
        this.threshold = threshold;
    }

    /** Accuracy of the argmax of class scores. */
    public static Accuracy ofClasses() {
        return new Accuracy(true, Double.NaN);
    }

    /** Accuracy of binary decisions x &gt; 0 on logits. */
    public static Accuracy ofLogits() {
        return new Accuracy(false, 0.0);
    }

    /** Accuracy of binary decisions p &gt; 0.5 on probabilities. */
    public static Accuracy ofProbabilities() {
        return new Accuracy(false, 0.5);
    }

    @Override
    public double compute(Tensor output, Tensor target) {
        int m = output.rank() == 0 ? 1 : output.dim(0);
        double[] t = target.toArray();
        int correct = 0;
        if (argmax) {
            if (output.rank() != 2) {
                throw new IllegalArgumentException("Accuracy.ofClasses: output must be (batch, classes), got "
                        + Arrays.toString(output.shape()));
            }
            int[] predicted = output.argmax(1);
            int[] actual = target.rank() == 2 ? target.argmax(1) : null;
            if (actual == null && t.length != m) {
                throw new IllegalArgumentException("Accuracy.ofClasses: " + t.length + " targets for " + m + " outputs");
            }
            for (int i = 0; i < m; i++) {
                int y = actual != null ? actual[i] : (int) t[i];
                if (predicted[i] == y) {
                    correct++;
                }
            }
        } else {
            double[] o = output.toArray();
            if (o.length != m || t.length != m) {
                throw new IllegalArgumentException("Accuracy: binary accuracy needs one output and one target per sample; "
                        + "got output " + Arrays.toString(output.shape()) + " and target " + Arrays.toString(target.shape()));
            }
            for (int i = 0; i < m; i++) {
                if ((o[i] > threshold) == (t[i] > 0.5)) {
                    correct++;
                }
            }
        }
        return (double) correct / m;
    }

    @Override
    public String name() {
        return "accuracy";
    }
}
