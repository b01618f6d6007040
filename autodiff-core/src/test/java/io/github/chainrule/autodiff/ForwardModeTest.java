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

    /** How many nodes have been recorded so far (node numbers are given to recorded nodes only). */
    private static long recordedSoFar() {
        try (Grad.Scope on = Grad.enabled()) {
            return Tensor.vector(1).requiresGrad().neg().id();
        }
    }

    /** The number of nodes {@code action} records. */
    private static long nodesRecordedBy(Runnable action) {
        long before = recordedSoFar();
        action.run();
        return recordedSoFar() - before - 1;
    }

    private static Tensor chain(Tensor v) {
        for (int i = 0; i < 12; i++) {
            v = switch (i % 4) {
                case 0 -> v.sin();
                case 1 -> v.tanh().mul(1.1);
                case 2 -> v.sigmoid().add(0.1);
                default -> v.square();
            };
        }
        return v.reshape(2, 3).permute(1, 0).slice(0, 1, 3).sum();
    }

    @Test
    void hvpRecordsTheForwardPassOnceAndNoTangent() {
        Tensor x = Tensor.of(new double[] {0.3, -0.7, 1.1, 0.2, -1.4, 0.9}, 6);
        Tensor v = Tensor.of(new double[] {1, -2, 0.5, 3, -1, 0.25}, 6);
        Tensor leaf = x.detach().requiresGrad();
        long forwardPass = nodesRecordedBy(() -> Autodiff.recorded(in -> chain(in[0]), leaf));
        Tensor[] hvp = new Tensor[1];
        // The inner grad records f's forward pass; the tangents at the jvp's level, which no
        // reverse transform outside it can see, and the unrecorded backward sweep record nothing.
        assertEquals(forwardPass, nodesRecordedBy(() -> hvp[0] = Autodiff.hvp(ForwardModeTest::chain, x, v)));
        Tensor expected = Autodiff.hessian(ForwardModeTest::chain, x).matmul(v.reshape(6, 1)).reshape(6);
        assertArrayEquals(expected.toArray(), hvp[0].toArray(), 1e-12);
    }

    @Test
    void linearOperationsTakeTheirTangentWithoutARecordedSweep() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor t = Tensor.of(new double[] {0.5, -1, 2, 0, 3, -2}, 2, 3);
        TensorFunction linear = in -> in[0].sum(1, true).broadcastTo(2, 3).reshape(3, 2).permute(1, 0)
                .slice(1, 0, 2).pad(1, 1, 0).flip(0).sumToShape(1, 3).sum();
        Autodiff.Jvp[] result = new Autodiff.Jvp[1];
        assertEquals(0, nodesRecordedBy(() -> result[0] = Autodiff.valueAndJvp(linear, new Tensor[] {x},
                new Tensor[] {t})));
        // Row sums 6, 15 (tangent 1.5, 1) spread, rearranged, cut to [[r0, r0], [r0, r1]] and
        // padded, flipped and summed: 3·r0 + r1, so 33 and (linear) 3·1.5 + 1 = 5.5.
        assertEquals(33, result[0].value().item(), 1e-15);
        assertEquals(5.5, result[0].tangent().item(), 1e-15);
    }

    @Test
    void reductionsSoftmaxAndIndexingHaveDirectTangentRules() {
        Tensor x = Tensor.of(new double[] {0.5, 2, -1, 1.5, 0, 3}, 2, 3);
        Tensor t = Tensor.of(new double[] {1, -2, 0.5, 3, 1, -1}, 2, 3);
        TensorFunction f = in -> in[0].logSoftmax(1).add(in[0].max(1, true)).sub(in[0].logSumExp(0, true))
                .indexSelect(1, 2, 0).gather(1, 1, 0).scatter(0, new int[] {1, 0}, 2)
                .takeAlongAxis(0, new int[] {1, 0}, 2, 1).scatterAdd(0, new int[] {0, 1}, 2, 1).indexAdd(1, new int[] {0}, 2)
                .add(in[0].min(1, true).mul(in[0].sum(1, true))).add(in[0].prod(1, true)).add(in[0].norm(2, 1, true))
                .add(in[0].norm(3, 1, true)).sum().add(in[0].cumsum(1).mul(in[0].cumsum(1)).sum());
        Autodiff.Jvp[] result = new Autodiff.Jvp[1];
        // Each rule is a few tensor operations on plain tangents: nothing records, where a JVP
        // derived from the VJP records a local reverse sweep for every operation.
        assertEquals(0, nodesRecordedBy(() -> result[0] = Autodiff.valueAndJvp(f, new Tensor[] {x},
                new Tensor[] {t})));
        // The tangent is J·t: ⟨∇f, t⟩ with ∇f from the reverse sweep.
        Tensor gradient = Autodiff.grad(v -> f.apply(new Tensor[] {v}), x);
        assertEquals(gradient.mul(t).sum().item(), result[0].tangent().item(), 1e-12);
        assertEquals(f.apply(new Tensor[] {x}).item(), result[0].value().item(), 1e-15);
    }
}
