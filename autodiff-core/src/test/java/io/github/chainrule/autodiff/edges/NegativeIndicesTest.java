package io.github.chainrule.autodiff.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.check.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Indices follow Python and PyTorch: −1 is the last position, slice bounds are clamped to the
 * axis, and an index out of range is refused by the operation the user called. Expected values
 * are PyTorch 1.13's for t = arange(6).reshape(2, 3): {@code t.select(-1, -1)} = [2, 5],
 * {@code t[:, -5:10]} = t, {@code t[:, 2:1]} has shape (2, 0), {@code t[:, [-1, 0]]} =
 * [[2, 0], [5, 3]], {@code t[-1, -1]} = 5.
 */
class NegativeIndicesTest {
    private static Tensor t() {
        return Tensor.arange(6).reshape(2, 3);
    }

    @Test
    void selectCountsNegativeAxesAndIndicesFromTheEnd() {
        assertArrayEquals(new double[] {2, 5}, t().select(-1, -1).toArray());
        assertArrayEquals(new double[] {3, 4, 5}, t().select(0, -1).toArray());
        assertArrayEquals(new double[] {0, 3}, t().select(1, -3).toArray());
        Tensor x = t().requiresGrad();
        x.select(-1, -1).sum().backward();
        assertArrayEquals(new double[] {0, 0, 1, 0, 0, 1}, x.grad().toArray());
    }

    @Test
    void selectOutOfRangeIsRefusedBySelect() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t().select(1, 3));
        assertEquals("select: index 3 is out of range for axis 1 of length 3 in shape (2,3) (valid: -3..2)",
                e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> t().select(0, -3));
        assertTrue(e.getMessage().startsWith("select: index -3 is out of range for axis 0 of length 2"), e.getMessage());
        assertFalse(e.getMessage().contains("slice"), e.getMessage());
        IllegalArgumentException axis = assertThrows(IllegalArgumentException.class, () -> t().select(2, 0));
        assertTrue(axis.getMessage().startsWith("select: axis 2 is out of range"), axis.getMessage());
    }

    @Test
    void sliceBoundsCountFromTheEndAndAreClampedAsInPython() {
        assertArrayEquals(new double[] {1, 2, 4, 5}, t().slice(1, -2, 3).toArray());
        assertArrayEquals(t().toArray(), t().slice(1, -5, 10).toArray());
        assertArrayEquals(new int[] {2, 0}, t().slice(1, 2, 1).shape());
        assertArrayEquals(new int[] {2, 0}, t().slice(1, 5, 10).shape());
        assertArrayEquals(new double[] {3, 4, 5}, t().slice(0, -1, Integer.MAX_VALUE).flatten().toArray());
        assertArrayEquals(new double[] {0, 1, 3, 4}, t().slice(-1, 0, -1).toArray());
    }

    @Test
    void aClampedSliceSendsItsGradientToTheSelectedElementsOnly() {
        Tensor x = t().requiresGrad();
        x.slice(1, -2, 100).mul(Tensor.vector(10, 20)).sum().backward();
        assertArrayEquals(new double[] {0, 10, 20, 0, 10, 20}, x.grad().toArray());
        GradCheck.assertCorrectToSecondOrder(in -> in[0].slice(-1, -2, 7).square().sum(), t().add(0.5));
    }

    @Test
    void indexSelectGatherAndGetCountNegativeIndicesFromTheEnd() {
        assertArrayEquals(new double[] {2, 0, 5, 3}, t().indexSelect(1, -1, 0).toArray());
        assertArrayEquals(new double[] {3, 4, 5}, t().indexSelect(0, -1).flatten().toArray());
        assertArrayEquals(new double[] {2, 3}, t().gather(1, -1, 0).toArray());
        assertEquals(5, t().get(-1, -1));
        assertEquals(1, t().get(-2, -2));
        Tensor x = t().requiresGrad();
        x.indexSelect(1, -1, -1, 0).sum().add(x.gather(0, -1, 0, -2).sum()).backward();
        // indexSelect: column 2 twice, column 0 once; gather: rows 1, 0, 0 of columns 0, 1, 2.
        assertArrayEquals(new double[] {1, 1, 3, 2, 0, 2}, x.grad().toArray());
    }

    @Test
    void theAdjointsAcceptNegativeIndicesToo() {
        assertArrayEquals(new double[] {0, 0, 7, 0, 0, 9}, Tensor.of(new double[] {7, 9}, 2, 1)
                .indexAdd(1, new int[] {-1}, 3).toArray());
        assertArrayEquals(new double[] {0, 7, 9, 0}, Tensor.vector(7, 9).scatter(1, new int[] {-1, 0}, 2).toArray());
    }

    @Test
    void indicesOutOfRangeAreRefusedByTheOpCalled() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t().indexSelect(1, 0, 3));
        assertEquals("indexSelect: index 3 at position 1 is out of range for axis 1 of length 3 in shape (2,3)"
                + " (valid: -3..2)", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> t().gather(1, -4, 0));
        assertTrue(e.getMessage().startsWith("gather: index -4 at position 0 is out of range"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> t().get(0, 3));
        assertEquals("get: index 3 is out of range for axis 1 of length 3 in shape (2,3) (valid: -3..2)",
                e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> t().get(-3, 0));
        assertTrue(e.getMessage().startsWith("get: index -3 is out of range for axis 0"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> Tensor.zeros(2, 0).select(1, 0));
        assertEquals("select: index 0 is out of range for axis 1 of length 0 in shape (2,0) (the axis is empty)",
                e.getMessage());
    }
}
