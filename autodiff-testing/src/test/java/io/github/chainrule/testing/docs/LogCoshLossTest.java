package io.github.chainrule.testing.docs;

import static org.quicktheories.QuickTheory.qt;

import io.github.chainrule.autodiff.CustomOp;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.TensorFunction;
import io.github.chainrule.autodiff.catalogue.Domain;
import io.github.chainrule.autodiff.check.GradCheck;
import io.github.chainrule.testing.ExpressionOp;
import io.github.chainrule.testing.ExpressionSpace;
import io.github.chainrule.testing.GraphCase;
import io.github.chainrule.testing.Gens;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogCoshLossTest {
    // log(cosh(x)) without overflow: |x| + log1p(e^(-2|x|)) - log 2. Its derivative is tanh(x),
    // written with tensor operations so that second derivatives work too.
    static final CustomOp LOG_COSH = CustomOp.named("logCosh")
            .forward(in -> Tensor.of(Arrays.stream(in[0].toArray())
                    .map(x -> Math.abs(x) + Math.log1p(Math.exp(-2 * Math.abs(x))) - Math.log(2))
                    .toArray(), in[0].shape()))
            .vjp((g, out, in) -> new Tensor[] {g.mul(in[0].tanh())});

    // The loss under test: mean log-cosh error against a target of 0.5.
    static final TensorFunction MY_LOSS = in -> LOG_COSH.apply(in[0].sub(0.5)).mean();

    @Test
    void lossGradientMatchesFiniteDifferencesOnRandomBatches() {
        qt().forAll(Gens.batches(32, 4)).checkAssert(x -> GradCheck.assertCorrect(MY_LOSS, x));
    }

    @Test
    void lossIsTwiceDifferentiable() {
        qt().withExamples(50).forAll(Gens.batches(8, 4))
                .checkAssert(x -> GradCheck.assertCorrectToSecondOrder(MY_LOSS, x));
    }

    @Test
    void opComposesWithEveryCatalogueOperation() {
        ExpressionSpace space = ExpressionSpace.catalogue().with(ExpressionOp.of(LOG_COSH, Domain.REAL));
        qt().forAll(Gens.graphCases(space))
                .assuming(GraphCase::isWellConditioned)
                .checkAssert(c -> GradCheck.assertCorrect(c.function(), c.inputs()));
    }
}
