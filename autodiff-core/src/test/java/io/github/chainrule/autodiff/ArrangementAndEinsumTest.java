package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** Rearrangements, triangles, selection with constants, einsum and matmul of rank above 3. */
class ArrangementAndEinsumTest {

    @Test
    void trilAndMaskedFillGiveExactZerosAndConstantsEvenOverInfinities() {
        Tensor scores = Tensor.of(new double[] {1, Double.NEGATIVE_INFINITY, 2, 3}, 2, 2).requiresGrad();
        assertArrayEquals(new double[] {1, 0, 2, 3}, scores.tril().toArray());
        assertArrayEquals(new double[] {0, Double.NEGATIVE_INFINITY, 0, 0}, scores.triu(1).toArray());
        Tensor causal = Tensor.ones(2, 2).triu(1);
        Tensor filled = scores.maskedFill(causal, -1e9);
        assertArrayEquals(new double[] {1, -1e9, 2, 3}, filled.toArray());
        filled.sum().backward();
        assertArrayEquals(new double[] {1, 0, 1, 1}, scores.grad().toArray());
    }

    @Test
    void splitAndChunkFollowPyTorchsPieceSizes() {
        Tensor x = Tensor.arange(7);
        assertEquals(4, x.split(2, 0).length);
        assertArrayEquals(new double[] {6}, x.split(2, 0)[3].toArray());
        Tensor[] chunks = x.chunk(3, 0);
        assertArrayEquals(new int[] {3}, chunks[0].shape());
        assertArrayEquals(new int[] {1}, chunks[2].shape());
        assertArrayEquals(new double[] {2, 3, 4, 5, 6}, x.split(new int[] {2, 5}, 0)[1].toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.split(new int[] {2, 4}, 0));
        assertTrue(e.getMessage().contains("[2, 4]") && e.getMessage().contains("length 7"), e.getMessage());
    }

    @Test
    void flipTileAndRepeatPlaceElementsAsNumPy() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {6, 5, 4, 3, 2, 1}, x.flip(0, 1).toArray());
        assertArrayEquals(new double[] {3, 2, 1, 6, 5, 4}, x.flip(-1).toArray());
        assertArrayEquals(new double[] {1, 2, 1, 2}, Tensor.vector(1, 2).tile(2).toArray());
        assertArrayEquals(new int[] {2, 4, 3}, x.repeat(2, 2, 1).shape());
        Tensor v = Tensor.vector(1, 2).requiresGrad();
        v.tile(3, 1).sum().backward();
        assertArrayEquals(new double[] {3, 3}, v.grad().toArray());
        assertThrows(IllegalArgumentException.class, () -> x.repeat(2));
    }

    @Test
    void takeAlongAxisKeepsTheAxisAndScatterAddIsItsAdjoint() {
        Tensor x = Tensor.of(new double[] {10, 11, 12, 20, 21, 22}, 2, 3).requiresGrad();
        Tensor taken = x.takeAlongAxis(1, new int[] {2, 2, 0, 1}, 2, 2);
        assertArrayEquals(new double[] {12, 12, 20, 21}, taken.toArray());
        taken.sum().backward();
        assertArrayEquals(new double[] {0, 0, 2, 1, 1, 0}, x.grad().toArray());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> x.takeAlongAxis(1, new int[] {3}, 1, 1));
        assertTrue(e.getMessage().contains("index 3") && e.getMessage().contains("(2,3)"), e.getMessage());
        assertArrayEquals(new double[] {0, 3, 0, 0, 0, 0},
                Tensor.vector(1, 2).reshape(1, 2).scatterAdd(1, new int[] {1, 1}, 2, 3).toArray());
    }

    @Test
    void oneHotAndComparisonsWithConstants() {
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 1}, Tensor.oneHot(3, 1, 2).toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.oneHot(3, 3));
        Tensor x = Tensor.vector(-1, 0, 2);
        assertArrayEquals(new double[] {1, 1, 0}, x.le(0).toArray());
        assertArrayEquals(new double[] {0, 1, 1}, x.ge(0).toArray());
        assertArrayEquals(new double[] {0, 1, 0}, x.eq(0).toArray());
        assertArrayEquals(new double[] {-1, 5, 2}, Tensor.where(x.eq(0), 5.0, x).toArray());
        assertArrayEquals(new double[] {-2, Double.POSITIVE_INFINITY, 1}, x.rdiv(2).toArray());
    }

    @Test
    void einsumComputesTheClassicContractions() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new double[] {5, 6, 7, 8}, 2, 2);
        assertArrayEquals(a.matmul(b).toArray(), Tensor.einsum("ij,jk->ik", a, b).toArray());
        assertArrayEquals(a.matmul(b.transpose()).toArray(), Tensor.einsum("ij,kj", a, b).toArray());
        assertEquals(5, Tensor.einsum("ii->", a).item());
        assertArrayEquals(new double[] {1, 4}, Tensor.einsum("ii->i", a).toArray());
        assertArrayEquals(new double[] {5, 6, 10, 12}, Tensor.einsum("i,j->ij", Tensor.vector(1, 2),
                Tensor.vector(5, 6)).toArray());
        // xᵀAy with x = (1, 1), y = (1, 0): the first column's sum.
        assertEquals(4, Tensor.einsum("i,ij,j->", Tensor.vector(1, 1), a, Tensor.vector(1, 0)).item());
    }

    @Test
    void einsumErrorsNameTheSubscriptsAndShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.einsum("ij,jk->ik", a, b));
        assertEquals("einsum 'ij,jk->ik' on shapes (2,3), (4,5): 'j' has length 3 in one place but 4 in operand 1 "
                + "of shape (4,5)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.einsum("ijk->", a));
        assertTrue(e.getMessage().contains("has rank 2 but 'ijk' names 3 axes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.einsum("ij->iz", a));
        assertTrue(e.getMessage().contains("'z' names no input axis"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.einsum("...j->j", a));
        assertTrue(e.getMessage().contains("ellipsis"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.einsum("ij,jk->ik", a));
    }

    @Test
    void matmulOfRankFourBroadcastsBatchAxesAndEqualsTheProductOfEachMatrix() {
        Tensor q = Tensor.randn(new Well19937c(1), 2, 3, 4, 5);
        Tensor k = Tensor.randn(new Well19937c(2), 1, 3, 5, 2);
        Tensor scores = q.matmul(k);
        assertArrayEquals(new int[] {2, 3, 4, 2}, scores.shape());
        for (int b = 0; b < 2; b++) {
            for (int h = 0; h < 3; h++) {
                Tensor expected = q.select(0, b).select(0, h).matmul(k.select(0, 0).select(0, h));
                assertArrayEquals(expected.toArray(), scores.select(0, b).select(0, h).toArray(), 1e-12);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3, 4, 5).matmul(Tensor.zeros(3, 3, 5, 2)));
        assertTrue(e.getMessage().contains("batch axes") && e.getMessage().contains("(2,3,4,5)"), e.getMessage());
    }
}
