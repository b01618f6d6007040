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
