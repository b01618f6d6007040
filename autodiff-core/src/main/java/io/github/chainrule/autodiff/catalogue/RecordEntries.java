package io.github.chainrule.autodiff.catalogue;

import io.github.chainrule.autodiff.Scalar;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.ops.ElementwiseOp;
import io.github.chainrule.autodiff.ops.Ops;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Catalogue entries made from the elementwise op records: each record is sampled where its
 * record says, and applied through the public {@code Tensor} method it names, so that the walk
 * checks the method users call. A record whose method is missing fails here, by name.
 */
public final class RecordEntries {
    private RecordEntries() {
    }

    static List<OpSpec> all() {
        return Ops.all().stream().map(RecordEntries::entry).toList();
    }

    private static OpSpec entry(ElementwiseOp op) {
        Function<Tensor[], Tensor> method = tensorMethod(op);
        StringBuilder params = new StringBuilder();
        for (double p : op.params()) {
            params.append(params.length() == 0 ? "p=" : " p=").append(p);
        }
        List<Domain> domains = op.samples().domains();
        return new OpSpec(op.method(), op.arity(), domains.get(0), true, rng -> {
            if (op.arity() == 1) {
                int[] shape = Samples.shape(rng, 0, 3);
                return new OpCase(op.method(), params + " x" + Samples.str(shape),
                        new Tensor[] {Samples.tensor(rng, domains.get(0), shape)}, method);
            }
            return op.samples().distinct() ? distinctPair(op, rng, method) : broadcastPair(op, rng, method);
        });
    }

    private static OpCase broadcastPair(ElementwiseOp op, RandomGenerator rng, Function<Tensor[], Tensor> method) {
        int[] full = Samples.shape(rng, 0, 3);
        int[] partner = Samples.broadcastPartner(rng, full);
        int[][] shapes = rng.nextBoolean() ? new int[][] {full, partner} : new int[][] {partner, full};
        List<Domain> domains = op.samples().domains();
        return new OpCase(op.method(), "a" + Samples.str(shapes[0]) + " b" + Samples.str(shapes[1]), new Tensor[] {
            Samples.tensor(rng, domains.get(0), shapes[0]), Samples.tensor(rng, domains.get(1), shapes[1])}, method);
    }

    private static OpCase distinctPair(ElementwiseOp op, RandomGenerator rng, Function<Tensor[], Tensor> method) {
        int[] shape = Samples.shape(rng, 0, 3);
        int size = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        Tensor both = Samples.distinct(rng, 0.1, 2 * size);
        Tensor a = both.slice(0, 0, size).reshape(shape).detach();
        Tensor b = both.slice(0, size, 2 * size).reshape(shape).detach();
        return new OpCase(op.method(), "a,b" + Samples.str(shape), new Tensor[] {a, b}, method);
    }

    /** The public Tensor method that applies {@code op}, as a function of its tensor operands. */
    public static Function<Tensor[], Tensor> tensorMethod(ElementwiseOp op) {
        Method m = method(Tensor.class, op);
        return operands -> Tensor.class.cast(invoke(m, op, operands));
    }

    /** The public Scalar method that applies {@code op}, as a function of its scalar operands. */
    public static Function<Scalar[], Scalar> scalarMethod(ElementwiseOp op) {
        Method m = method(Scalar.class, op);
        return operands -> Scalar.class.cast(invoke(m, op, operands));
    }

    private static Method method(Class<?> type, ElementwiseOp op) {
        Class<?>[] parameters = new Class<?>[op.arity() - 1 + op.params().length];
        Arrays.fill(parameters, 0, op.arity() - 1, type);
        Arrays.fill(parameters, op.arity() - 1, parameters.length, double.class);
        try {
            return type.getMethod(op.method(), parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no public method " + op.method()
                    + Arrays.toString(parameters) + " for the op record '" + op.name() + "'", e);
        }
    }

    private static Object invoke(Method m, ElementwiseOp op, Object[] operands) {
        Object[] args = new Object[m.getParameterCount()];
        System.arraycopy(operands, 1, args, 0, operands.length - 1);
        for (int i = 0; i < op.params().length; i++) {
            args[operands.length - 1 + i] = op.params()[i];
        }
        try {
            return m.invoke(operands[0], args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
