package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The names Kotlin maps its operators to (plus, minus, times, div, unaryMinus) compute the same
 * values and gradients as add, sub, mul, div and neg.
 */
class KotlinOperatorNamesTest {
    @Test
    void tensorOperatorNamesGiveElementwiseResults() {
        Tensor a = Tensor.vector(1, 2);
        Tensor b = Tensor.vector(3, 5);
        assertArrayEquals(new double[] {4, 7}, a.plus(b).toArray(), 0);
        assertArrayEquals(new double[] {-2, -3}, a.minus(b).toArray(), 0);
        assertArrayEquals(new double[] {3, 10}, a.times(b).toArray(), 0);
        assertArrayEquals(new double[] {0.5, 1}, b.minus(1).div(Tensor.vector(4, 4)).toArray(), 0);
        assertArrayEquals(new double[] {-1, -2}, a.unaryMinus().toArray(), 0);
        assertArrayEquals(new double[] {3.5, 4.5}, a.plus(2.5).toArray(), 0);
        assertArrayEquals(new double[] {2, 4}, a.times(2).toArray(), 0);
    }

    @Test
    void scalarOperatorNamesRecordTheGraph() {
        // f = -(x·y + x − 2) with x = 3, y = 4: f = −13, ∂f/∂x = −(y + 1) = −5, ∂f/∂y = −x = −3.
        Scalar x = Scalar.of(3);
        Scalar y = Scalar.of(4);
        Scalar f = x.times(y).plus(x).minus(2).unaryMinus();
        f.backward();
        assertEquals(-13, f.value(), 0);
        assertEquals(-5, x.grad(), 0);
        assertEquals(-3, y.grad(), 0);
        assertEquals(6, x.plus(3).times(1).minus(y.minus(4)).value(), 0);
    }
}
