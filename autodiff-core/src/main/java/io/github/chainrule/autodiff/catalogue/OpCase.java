package io.github.chainrule.autodiff.catalogue;

import io.github.chainrule.autodiff.Tensor;
import java.util.function.Function;

/**
 * One sampled instance of a catalogue operation: concrete inputs and the operation with its
 * non-tensor parameters (axes, indices, exponents) already chosen.
 *
 * @param op the catalogue name of the operation
 * @param description the parameters and input shapes, for failure messages
 * @param inputs the sampled inputs, leaves not yet requiring grad
 * @param function the operation applied to inputs of the same shapes
 */
public record OpCase(String op, String description, Tensor[] inputs, Function<Tensor[], Tensor> function) {

    /** Applies the operation to {@code args} (of the sampled shapes). */
    public Tensor apply(Tensor... args) {
        return function.apply(args);
    }

    @Override
    public String toString() {
        return op + " " + description;
    }
}
