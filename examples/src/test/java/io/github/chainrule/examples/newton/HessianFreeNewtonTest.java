package io.github.chainrule.examples.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;

class HessianFreeNewtonTest {

    @Test
    void solvesTenDimensionalRosenbrockWithHessianVectorProductsOnly() {
        double[] start = new double[10];
        for (int i = 0; i < start.length; i++) {
            start[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        HessianFreeNewton.Result result = new HessianFreeNewton(200, 50, 1e-10)
                .minimise(HessianFreeNewton::rosenbrock, Tensor.vector(start));
        for (double v : result.x().toArray()) {
            assertEquals(1.0, v, 1e-8);
        }
        assertTrue(result.gradientNorm() <= 1e-10, "gradient norm " + result.gradientNorm());
        assertTrue(result.steps() <= 150, result.steps() + " steps");
    }
}
