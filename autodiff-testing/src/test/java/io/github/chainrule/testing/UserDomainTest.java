package io.github.chainrule.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.TensorFunction;
import io.github.chainrule.autodiff.catalogue.Domain;
import io.github.chainrule.autodiff.check.GradCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Domains of a user's own: probabilities, near-zero positives, large magnitudes. */
class UserDomainTest {
    private static final Domain PROBABILITIES = Domain.between(0.001, 0.999).named("probabilities");

    @Test
    void tensorsAndBatchesStayInAUsersDomain() {
        for (Domain domain : new Domain[] {PROBABILITIES, Domain.logUniform(1e-9, 1e-3),
            Domain.logUniform(1e3, 1e9).eitherSign()}) {
            qt().withExamples(100).forAll(Gens.tensors(domain)).checkAssert(x -> {
                for (double v : x.toArray()) {
                    assertTrue(domain.contains(v), domain + " value " + v);
                }
            });
            qt().withExamples(20).forAll(Gens.batches(16, 3, domain)).checkAssert(x -> {
                for (double v : x.toArray()) {
                    assertTrue(domain.contains(v), domain + " value " + v);
                }
            });
        }
    }

    @Test
    void aLogUniformDomainSamplesEveryOrderOfMagnitude() {
        Domain tiny = Domain.logUniform(1e-9, 1e-3);
        double[] smallestAndLargest = {1, 0};
        qt().withExamples(200).forAll(Gens.batches(4, 4, tiny)).checkAssert(x -> {
            for (double v : x.toArray()) {
                smallestAndLargest[0] = Math.min(smallestAndLargest[0], v);
                smallestAndLargest[1] = Math.max(smallestAndLargest[1], v);
            }
        });
        // Uniform sampling of [1e-9, 1e-3] would almost never go below 1e-7.
        assertTrue(smallestAndLargest[0] < 1e-8, "smallest " + smallestAndLargest[0]);
        assertTrue(smallestAndLargest[1] > 1e-4, "largest " + smallestAndLargest[1]);
    }

    @Test
    void eitherSignTakesBothSigns() {
        Domain huge = Domain.logUniform(1e3, 1e9).eitherSign();
        boolean[] seen = new boolean[2];
        qt().withExamples(50).forAll(Gens.tensors(huge, 8)).checkAssert(x -> {
            for (double v : x.toArray()) {
                seen[v < 0 ? 0 : 1] = true;
                assertTrue(Math.abs(v) >= 1e3 && Math.abs(v) <= 1e9, "value " + v);
            }
        });
        assertTrue(seen[0] && seen[1]);
    }

    /** Binary cross-entropy of a probability p against a target of 0.3: defined on (0, 1) only. */
    private static ExpressionOp crossEntropy(Domain declared, List<Double> seen) {
        TensorFunction loss = in -> {
            for (double p : in[0].toArray()) {
                seen.add(p);
            }
            return in[0].log().mul(-0.3).sub(in[0].rsub(1).log().mul(0.7));
        };
        return ExpressionOp.of("bce", loss, declared);
    }

    @Test
    void randomExpressionsFeedAnOperationOnlyValuesOfItsDeclaredDomain() {
        List<Double> seen = new ArrayList<>();
        ExpressionSpace space = ExpressionSpace.catalogue().with(crossEntropy(PROBABILITIES, seen),
                crossEntropy(PROBABILITIES, seen), crossEntropy(PROBABILITIES, seen));
        qt().withExamples(150).forAll(Gens.graphCases(space))
                .assuming(GraphCase::isWellConditioned)
                .checkAssert(c -> GradCheck.assertCorrect(c.function(), c.inputs()));
        assertFalse(seen.isEmpty(), "the operation was never used");
        for (double p : seen) {
            assertTrue(p > 0.001 && p < 0.999, "bce saw " + p);
        }
    }

    @Test
    void theBuiltInPositiveDomainWouldNotHaveKeptTheOperationInsideZeroToOne() {
        // The check above can fail: declared merely POSITIVE, the same operation is fed values
        // of 1 and more, where 1 − p has no logarithm.
        List<Double> seen = new ArrayList<>();
        Tensor guarded = Domain.POSITIVE.fromReal(Tensor.vector(-1, 0, 1, 2));
        crossEntropy(Domain.POSITIVE, seen).apply(guarded);
        assertTrue(seen.stream().anyMatch(p -> p >= 1), "values " + seen);
    }

    @Test
    void theMapIntoADomainIsPrintedInFormulas() {
        assertEquals("softplus(x0)+0.3", Domain.POSITIVE.fromRealFormula("x0"));
        assertEquals("0.001+0.998·σ(x0)", PROBABILITIES.fromRealFormula("x0"));
        assertEquals("probabilities", PROBABILITIES.toString());
    }

    @Test
    void impossibleDomainsAreRefusedByName() {
        IllegalArgumentException reversed = assertThrows(IllegalArgumentException.class, () -> Domain.between(1, 0));
        assertTrue(reversed.getMessage().contains("[1.0, 0.0]"), reversed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Domain.logUniform(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Domain.between(-1, 1).eitherSign());
    }
}
