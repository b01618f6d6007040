package example;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.check.GradCheck;
import io.github.chainrule.autodiff.kernel.KernelProvider;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.layers.MLP;
import io.github.chainrule.nn.loss.Loss;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.train.Trainer;

/** The README's first program: a custom loss from graph primitives, trained with nn. */
public final class Main {
    private Main() {
    }

    /** Prints the kernels in use, checks the loss's gradient and fits a line. */
    public static void main(String[] args) {
        System.out.println("kernels: " + KernelProvider.get().name());

        // log(cosh(e)) = |e| + log(1 + e^(-2|e|)) - log 2, averaged: quadratic near 0, linear far out.
        Loss logCosh = (output, target) -> {
            Tensor e = output.sub(target).abs();
            return e.add(e.mul(-2).exp().add(1).log()).sub(Math.log(2)).mean();
        };
        Tensor out = Tensor.vector(0.5, -2, 3).requiresGrad();
        GradCheck.assertCorrect(in -> logCosh.compute(in[0], Tensor.vector(0, 0, 1)), out);

        // Learn y = 2x - 1 from 64 points on [-1, 1].
        double[][] xs = new double[64][1];
        double[][] ys = new double[64][1];
        for (int i = 0; i < 64; i++) {
            xs[i][0] = -1 + 2.0 * i / 63;
            ys[i][0] = 2 * xs[i][0] - 1;
        }
        Dataset data = Dataset.of(xs, ys);
        MLP model = MLP.of(1, 1).build(7);   // one linear layer: y = w x + b
        Trainer.builder(model, logCosh, new Adam(model, 0.05)).epochs(200).batchSize(16).seed(1)
                .build().fit(data);
        System.out.printf("w = %.2f, b = %.2f%n", model.stateDict().get("layers.0.weight").item(),
                model.stateDict().get("layers.0.bias").item());
        // prints: w = 2.00, b = -1.00
    }
}
