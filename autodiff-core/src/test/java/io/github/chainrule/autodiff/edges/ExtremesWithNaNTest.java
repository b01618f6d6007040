package io.github.chainrule.autodiff.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * NaN propagates through max, min, argmax and argmin as in PyTorch 1.13 (values checked there:
 * {@code torch.tensor([1, nan, 2, nan]).max()} is nan with gradient [0, .5, 0, .5], and
 * {@code argmax} is 1), and an empty axis has no extreme and no position of one.
 */
class ExtremesWithNaNTest {
    private static final double NAN = Double.NaN;

    @Test
    void maxAndMinOfAllAreNaNWhenAnyElementIsNaN() {
        for (double[] values : new double[][] {{1, NAN, 2}, {NAN, 1, 2}, {1, 2, NAN}}) {
            assertTrue(Double.isNaN(Tensor.vector(values).max().item()), java.util.Arrays.toString(values));
            assertTrue(Double.isNaN(Tensor.vector(values).min().item()), java.util.Arrays.toString(values));
        }
    }

    @Test
    void theGradientOfANaNMaximumGoesToTheNaNElements() {
        Tensor x = Tensor.vector(1, NAN, 2, NAN).requiresGrad();
        x.max().backward();
        assertArrayEquals(new double[] {0, 0.5, 0, 0.5}, x.grad().toArray());
        Tensor y = Tensor.vector(3, NAN, -2).requiresGrad();
        y.min().mul(4).backward();
        assertArrayEquals(new double[] {0, 4, 0}, y.grad().toArray());
    }

    @Test
    void perAxisExtremesPropagateNaNSliceBySlice() {
        Tensor x = Tensor.of(new double[][] {{1, NAN, 2}, {3, 1, 3}}).requiresGrad();
        Tensor max = x.max(1, false);
        assertTrue(Double.isNaN(max.get(0)));
        assertEquals(3, max.get(1));
        max.sum().backward();
        assertArrayEquals(new double[] {0, 1, 0, 0.5, 0, 0.5}, x.grad().toArray());

        Tensor columns = Tensor.of(new double[][] {{1, NAN}, {0, 5}});
        Tensor min = columns.min(0, true);
        assertArrayEquals(new int[] {1, 2}, min.shape());
        assertEquals(0, min.get(0, 0));
        assertTrue(Double.isNaN(min.get(0, 1)));
    }

    @Test
    void argmaxAndArgminPointAtTheFirstNaN() {
        Tensor x = Tensor.vector(1, NAN, 2, NAN);
        assertArrayEquals(new int[] {1}, x.argmax(0));
        assertArrayEquals(new int[] {1}, x.argmin(0));
        Tensor rows = Tensor.of(new double[][] {{4, 1, 4}, {2, 9, NAN}});
        assertArrayEquals(new int[] {0, 2}, rows.argmax(1));
        assertArrayEquals(new int[] {1, 2}, rows.argmin(1));
        assertArrayEquals(new int[] {0, 1, 1}, rows.argmax(0));
    }

    @Test
    void argmaxOverAnEmptyAxisIsRefused() {
        Tensor empty = Tensor.zeros(2, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> empty.argmax(1));
        assertTrue(e.getMessage().startsWith("argmax: axis 1 of shape (2,0) is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> empty.argmin(-1));
        assertTrue(e.getMessage().startsWith("argmin: axis -1 of shape (2,0) is empty"), e.getMessage());
        assertArrayEquals(new int[] {}, empty.argmax(0));
    }
}
