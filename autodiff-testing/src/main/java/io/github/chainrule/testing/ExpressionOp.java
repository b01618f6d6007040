package io.github.chainrule.testing;

import io.github.chainrule.autodiff.CustomOp;
import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.TensorFunction;
import io.github.chainrule.autodiff.catalogue.Domain;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An elementwise operation that random expressions may use: a name for printing, one
 * {@link Domain} per input (where the input must lie for the operation to be smooth), and
 * the operation itself. Inputs whose domain is not {@link Domain#REAL} are fed through the
 * domain's map from the reals ({@link Domain#fromReal}: softplus(·)+0.3 for the built-in
 * domains, a scaled sigmoid for a user's {@link Domain#between} or {@link Domain#logUniform}),
 * so the operation only ever sees values in its domain.
 */
public final class ExpressionOp {
    private final String name;
    private final String parameters;
    private final List<Domain> domains;
    private final TensorFunction function;

    ExpressionOp(String name, String parameters, Domain[] domains, TensorFunction function) {
        this.name = Objects.requireNonNull(name, "name");
        this.parameters = parameters;
        this.domains = List.of(domains);
        this.function = Objects.requireNonNull(function, "function");
        if (domains.length == 0) {
            throw new IllegalArgumentException(name + ": an expression operation needs at least one input");
        }
    }

    /**
     * An operation of {@code domains.length} inputs, elementwise with broadcasting.
     *
     * @param function the operation; it receives one tensor per domain
     * @param domains where each input must lie
     */
    public static ExpressionOp of(String name, TensorFunction function, Domain... domains) {
        return new ExpressionOp(name, "", domains.clone(), function);
    }

    /** A user-defined operation, printed under its own name. */
    public static ExpressionOp of(CustomOp op, Domain... domains) {
        return new ExpressionOp(op.name(), "", domains.clone(), op::apply);
    }

    /** The name printed in formulas. */
    public String name() {
        return name;
    }

    /** How many tensor inputs the operation takes. */
    public int arity() {
        return domains.size();
    }

    /** Where input {@code k} must lie. */
    public Domain domain(int k) {
        return domains.get(k);
    }

    /** Applies the operation. */
    public Tensor apply(Tensor... inputs) {
        return function.apply(inputs);
    }

    /** {@code name(a, b, parameters)}, e.g. {@code pow(x0, 0.5)}. */
    String format(List<String> arguments) {
        return name + "(" + String.join(", ", arguments) + parameters + ")";
    }

    @Override
    public String toString() {
        return name + parameters + " " + Arrays.toString(domains.toArray());
    }
}
