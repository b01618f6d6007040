package io.github.chainrule.testing;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.TensorFunction;
import java.util.StringJoiner;

/**
 * A random expression together with inputs to evaluate it at: one generated example of a
 * gradient-checking property.
 *
 * @param expression the expression
 * @param inputs one tensor per input of the expression, broadcast-compatible
 */
public record GraphCase(Expression expression, Tensor[] inputs) {
    /**
     * The largest intermediate magnitude of a well-conditioned case. Finite differences lose
     * accuracy with the size of the values and of their higher derivatives, and in random
     * compositions both grow together: exp(exp(x)) or sin(exp(x³)) are correctly
     * differentiated by backward but their central differences miss the default tolerance.
     */
    public static final double WELL_CONDITIONED_BOUND = 10;

    /** A defensive copy of the input array (tensors are immutable). */
    public GraphCase {
        inputs = inputs.clone();
    }

    /** The inputs (a fresh array). */
    @Override
    public Tensor[] inputs() {
        return inputs.clone();
    }

    /** The expression as a function of its inputs. */
    public TensorFunction function() {
        return expression.asFunction();
    }

    /** The expression's value at the inputs. */
    public Tensor evaluate() {
        return expression.evaluate(inputs);
    }

    /**
     * True when every value the expression computes at the inputs is at most
     * {@link #WELL_CONDITIONED_BOUND} in magnitude: a case on which central differences can be
     * trusted at GradCheck's default tolerances. Use it as an assumption of a property.
     */
    public boolean isWellConditioned() {
        return expression.largestIntermediate(inputs) <= WELL_CONDITIONED_BOUND;
    }

    /** The formula, then each input with its values. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner("\n  ", expression + " (" + expression.nodeCount() + " nodes) at\n  ", "");
        for (int i = 0; i < inputs.length; i++) {
            text.add("x" + i + " = " + inputs[i]);
        }
        return text.toString();
    }
}
