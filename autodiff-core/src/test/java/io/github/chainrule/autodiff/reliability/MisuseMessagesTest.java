package io.github.chainrule.autodiff.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Misuse fails at once with a message naming the op, the shapes and what was expected. */
class MisuseMessagesTest {

    private static void assertMessage(Class<? extends Throwable> type, String message, Executable misuse) {
        assertEquals(message, assertThrows(type, misuse).getMessage());
    }

    @Test
    void backwardFromNonScalarWithoutOutputGradient() {
        Tensor y = Tensor.ones(2, 3).requiresGrad().mul(2);
        assertMessage(IllegalStateException.class, "backward: the output has shape (2,3) (6 elements), so backward()"
                + " needs an output gradient of that shape; call backward(outputGradient) or reduce the output to one"
                + " value first (e.g. sum())", y::backward);
    }

    @Test
    void outputGradientOfTheWrongShape() {
        Tensor y = Tensor.ones(2, 3).requiresGrad().mul(2);
        assertMessage(IllegalArgumentException.class, "backward: the output gradient must be a tensor of the output's"
                + " shape (2,3), got Tensor (3,2)", () -> y.backward(Tensor.ones(3, 2)));
    }

    @Test
    void addOfShapesThatDoNotBroadcast() {
        assertMessage(IllegalArgumentException.class, "add: shapes (3,4) and (5,4) cannot be broadcast together:"
                + " 3 != 5 at axis -2", () -> Tensor.ones(3, 4).add(Tensor.ones(5, 4)));
    }

    @Test
    void matmulOfShapesThatDoNotAlign() {
        assertMessage(IllegalArgumentException.class, "matmul: shapes (3,4) and (5,2) do not align: 4 != 5",
                () -> Tensor.ones(3, 4).matmul(Tensor.ones(5, 2)));
    }

    @Test
    void axisOutOfRangeNamesTheAxisAndTheRank() {
        assertMessage(IllegalArgumentException.class, "sum: axis 2 is out of range for a tensor of rank 2"
                + " (valid: -2..1)", () -> Tensor.ones(3, 4).sum(2, false));
        assertMessage(IllegalArgumentException.class, "softmax: axis -3 is out of range for a tensor of rank 2"
                + " (valid: -2..1)", () -> Tensor.ones(3, 4).softmax(-3));
    }

    @Test
    void requiresGradOnANonLeaf() {
        Tensor y = Tensor.ones(2).requiresGrad().exp();
        assertMessage(IllegalStateException.class, "requiresGrad: only a leaf can be marked as requiring grad;"
                + " this value was produced by 'exp' (use detach() for a new leaf)", y::requiresGrad);
    }
}
