package io.github.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.chainrule.autodiff.catalogue.Domain;
import io.github.chainrule.autodiff.catalogue.OpCase;
import io.github.chainrule.autodiff.catalogue.OpCatalogue;
import io.github.chainrule.autodiff.catalogue.OpSpec;
import io.github.chainrule.autodiff.catalogue.Samples;
import java.util.stream.Stream;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward mode over the whole op catalogue, by the dot-product identity ⟨J·t, v⟩ = ⟨t, Jᵀv⟩
 * against reverse mode (first order), and forward-over-reverse against reverse-over-reverse
 * (second order): ⟨∂(Jᵀv)/∂x · t, s⟩ = ⟨t, ∂⟨Jᵀv, s⟩/∂x⟩.
 */
class ForwardModeTest {

    static Stream<OpSpec> operations() {
        return OpCatalogue.all().stream();
    }

    private static Tensor[] like(Well19937c rng, Tensor[] tensors) {
        Tensor[] out = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            out[i] = Samples.tensor(rng, Domain.REAL, tensors[i].shape());
        }
        return out;
    }

    private static double dot(Tensor[] a, Tensor[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i].mul(b[i]).sum().item();
        }
        return sum;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void jvpIsTheTransposeOfVjp(OpSpec spec) {
        qt().withExamples(10).withFixedSeed(spec.name().hashCode()).forAll(longs().all()).checkAssert(seed -> {
            Well19937c rng = new Well19937c(seed);
            OpCase c = spec.sample(rng);
            Tensor[] t = like(rng, c.inputs());
            Autodiff.Jvp forward = Autodiff.valueAndJvp(c::apply, c.inputs(), t);
            Tensor v = Samples.tensor(rng, Domain.REAL, forward.value().shape());
            Tensor[] reverse = Autodiff.vjp(c::apply, c.inputs(), v).cotangents();
            double lhs = forward.tangent().mul(v).sum().item();
            double rhs = dot(t, reverse);
            assertEquals(rhs, lhs, 1e-10 * Math.max(1, Math.abs(rhs)), c.toString());
            assertArrayEquals(c.apply(c.inputs()).toArray(), forward.value().toArray(), 0, c + " value");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void forwardOverReverseMatchesReverseOverReverse(OpSpec spec) {
        qt().withExamples(5).withFixedSeed(~spec.name().hashCode()).forAll(longs().all()).checkAssert(seed -> {
            Well19937c rng = new Well19937c(seed);
            OpCase c = spec.sample(rng);
            Tensor[] in = c.inputs();
            Tensor[] t = like(rng, in);
            Tensor v = Samples.tensor(rng, Domain.REAL, c.apply(in).shape());
            Tensor[] s = like(rng, in);
            TensorFunction transposed = x -> {
                Tensor[] cot = Autodiff.vjp(c::apply, x, v).cotangents();
                Tensor sum = Tensor.scalar(0);
                for (int i = 0; i < cot.length; i++) {
                    sum = sum.add(cot[i].mul(s[i]).sum());
                }
                return sum;
            };
            // forward over reverse: J_x(⟨Jᵀv, s⟩)·t
            double forwardOverReverse = Autodiff.jvp(transposed, in, t).item();
            // reverse over reverse: ⟨t, ∇_x ⟨Jᵀv, s⟩⟩
            double reverseOverReverse = dot(t, Autodiff.gradAll(transposed, in));
            assertEquals(reverseOverReverse, forwardOverReverse, 1e-9 * Math.max(1, Math.abs(reverseOverReverse)),
                    c.toString());
        });
    }

    @Test
    void jvpRecordsNothingOnPlainInputs() {
        Tensor x = Tensor.vector(0.5, 1.5);
        Autodiff.Jvp result = Autodiff.valueAndJvp(in -> in[0].exp().sin(), new Tensor[] {x},
                new Tensor[] {Tensor.vector(1, 0)});
        assertEquals(false, result.value().needsGrad());
        assertEquals(false, result.tangent().needsGrad());
        assertArrayEquals(new double[] {Math.cos(Math.exp(0.5)) * Math.exp(0.5), 0}, result.tangent().toArray(), 1e-15);
        assertNull(x.grad());
    }
}
