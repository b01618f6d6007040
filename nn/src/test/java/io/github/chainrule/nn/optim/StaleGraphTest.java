package io.github.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Parameter;
import io.github.chainrule.nn.layers.Activation;
import io.github.chainrule.nn.layers.MLP;
import org.junit.jupiter.api.Test;

/**
 * An optimiser step (or an assignment) changes parameters that graphs recorded earlier read;
 * backward through such a graph refuses instead of mixing old activations with new weights.
 */
class StaleGraphTest {
    private static final Tensor NOISE = Tensor.of(new double[] {0.3, -0.2, 0.5, 0.1, -0.4, 0.2}, 3, 2);

    /**
     * The GAN pattern as PyTorch users meet it: the generator's loss is recorded through the
     * discriminator, the discriminator steps, then the generator's loss is differentiated. The
     * generator would get a gradient through weights that did not produce its loss; PyTorch
     * raises "one of the variables needed for gradient computation has been modified by an
     * inplace operation", and so does chainrule.
     */
    @Test
    void ganGeneratorBackwardAfterTheDiscriminatorStepRefuses() {
        MLP generator = MLP.of(2, 4, 2).activation(Activation.TANH).build(1);
        MLP discriminator = MLP.of(2, 3, 1).activation(Activation.SIGMOID).build(2);
        SGD dOptimizer = new SGD(discriminator, 0.1);
        Tensor fake = generator.forward(NOISE);
        Tensor gLoss = discriminator.forward(fake).log().neg().mean();
        Tensor dLoss = discriminator.forward(fake.detach()).mean();
        dOptimizer.zeroGrad();
        dLoss.backward();
        dOptimizer.step();
        IllegalStateException e = assertThrows(IllegalStateException.class, gLoss::backward);
        // The first operation backward meets is the discriminator's output layer; its first
        // stepped input is the weight, shape (1, 3).
        assertTrue(e.getMessage().startsWith("backward: input 1 of 'linear' (a leaf that requires grad of shape (1,3)) "
                + "was modified in place after 'linear' was recorded: it is at version "), e.getMessage());
        assertTrue(e.getMessage().contains(", the graph saw version 0."), e.getMessage());
        generator.parameters().forEach(p -> assertNull(p.grad(), "the generator received nothing"));
    }

    @Test
    void theUsualOrderForwardBackwardStepTrainsWithoutComplaint() {
        MLP net = MLP.of(2, 3, 1).activation(Activation.SIGMOID).build(3);
        SGD sgd = new SGD(net, 0.5);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 20; step++) {
            sgd.zeroGrad();
            Tensor loss = net.forward(NOISE).sub(1).square().mean();
            loss.backward();
            sgd.step();
            last = loss.item();
            first = step == 0 ? last : first;
        }
        assertTrue(last < first, "loss " + first + " -> " + last);
    }

    @Test
    void assignRetiresTheLeafGraphsWereRecordedFrom() {
        Parameter p = Parameter.of(Tensor.vector(1, 2));
        Tensor loss = p.value().mul(3).sum();
        p.assign(new double[] {5, 6});
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().startsWith("backward: input 0 of 'scale' (a leaf that requires grad of shape (2,))"
                + " was modified in place"), e.getMessage());
        assertNull(p.grad());
        p.value().mul(3).sum().backward();
        assertArrayEquals(new double[] {3, 3}, p.grad().toArray(), 0);
    }
}
