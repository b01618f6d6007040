package io.github.chainrule.autodiff;

/** A function of one or more tensors to one tensor: what the functional transforms take. */
@FunctionalInterface
public interface TensorFunction {
    /** Evaluates the function; it must build its result from graph operations on {@code inputs}. */
    Tensor apply(Tensor... inputs);
}
