package io.github.chainrule.autodiff;

/**
 * Values chosen along an axis and where they came from, as PyTorch's {@code (values, indices)}
 * of {@code sort} and {@code topk}.
 *
 * @param values the chosen values, differentiable: each gradient goes to the element it came from
 * @param indices row-major, one per element of {@code values}: its position along the axis
 */
public record ValuesAndIndices(Tensor values, int[] indices) {
}
