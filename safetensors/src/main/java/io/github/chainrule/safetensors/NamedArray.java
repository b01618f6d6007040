package io.github.chainrule.safetensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, named, row-major array of doubles with a shape: the unit a safetensors file
 * stores, kept independent of the tensor graph so that file I/O needs no autodiff machinery.
 *
 * <p>A shape of length 0 is a scalar (one element); a shape with a zero dimension is empty.
 * The constructor copies its arrays and the accessors return copies, so an instance never
 * changes after construction and callers may freely mutate what they pass in or get back.
 */
public final class NamedArray {

    private final String name;
    private final int[] shape;
    private final double[] data;

    /**
     * Creates a named array, copying {@code shape} and {@code data}.
     *
     * @param name the tensor name, e.g. {@code "layer1.weight"}; any string, but not null
     * @param shape the dimensions, each {@code >= 0}; empty for a scalar
     * @param data the elements in row-major order; its length must equal the product of shape
     * @throws IllegalArgumentException if a dimension is negative, the shape's product
     *     overflows, or it differs from {@code data.length}
     * @throws NullPointerException if any argument is null
     */
    public NamedArray(String name, int[] shape, double[] data) {
        this(name, Objects.requireNonNull(shape, "shape").clone(),
                Objects.requireNonNull(data, "data").clone(), Ownership.ADOPTED);
    }

    /** Only distinguishes the adopting constructor's signature from the copying one. */
    private enum Ownership { ADOPTED }

    /** Takes ownership of the arrays; the reader uses it to avoid a second copy of big data. */
    private NamedArray(String name, int[] shape, double[] data, Ownership adopted) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.data = Objects.requireNonNull(data, "data");
        long count = elementCount(name, shape);
        if (count != data.length) {
            throw new IllegalArgumentException("array '" + name + "': shape "
                    + Arrays.toString(shape) + " holds " + count + " elements but data has "
                    + data.length);
        }
    }

    /**
     * Wraps arrays that the caller gives up, without copying them.
     *
     * <p>Package-private because it breaks immutability if misused; the reader calls it with
     * arrays it has just allocated and never touches again.
     */
    static NamedArray adopt(String name, int[] shape, double[] data) {
        return new NamedArray(name, shape, data, Ownership.ADOPTED);
    }

    /**
     * The number of elements a shape describes.
     *
     * @throws IllegalArgumentException if a dimension is negative or the product overflows a long
     */
    static long elementCount(String name, int[] shape) {
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("array '" + name + "': dimension " + i
                        + " is negative (" + shape[i] + ") in shape " + Arrays.toString(shape));
            }
            try {
                count = Math.multiplyExact(count, shape[i]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("array '" + name + "': shape "
                        + Arrays.toString(shape) + " has more elements than a long can count", e);
            }
        }
        return count;
    }

    /** @return the tensor name */
    public String name() {
        return name;
    }

    /** @return a copy of the shape; empty for a scalar */
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions, 0 for a scalar */
    public int rank() {
        return shape.length;
    }

    /** @return the number of elements, equal to the product of the shape */
    public int size() {
        return data.length;
    }

    /** @return a copy of the elements in row-major order */
    public double[] data() {
        return data.clone();
    }

    /**
     * Reads one element without copying the whole array.
     *
     * @param flatIndex the row-major index, {@code 0 <= flatIndex < size()}
     * @return the element at that index
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public double get(int flatIndex) {
        Objects.checkIndex(flatIndex, data.length);
        return data[flatIndex];
    }

    /**
     * Copies the elements into a caller's buffer, e.g. straight into a tensor's storage, which
     * avoids the intermediate copy that {@link #data()} makes.
     *
     * @param dest the destination array
     * @param destOffset where the first element goes
     * @throws IndexOutOfBoundsException if {@code dest} is too short
     */
    public void copyDataTo(double[] dest, int destOffset) {
        System.arraycopy(data, 0, dest, destOffset, data.length);
    }

    /**
     * Equal when names, shapes and elements match; elements compare by bit pattern
     * ({@link Arrays#equals(double[], double[])}), so NaN equals NaN and 0.0 differs from -0.0,
     * which is what a file round trip must preserve.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof NamedArray other
                && name.equals(other.name)
                && Arrays.equals(shape, other.shape)
                && Arrays.equals(data, other.data);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    /** Name and shape only: the data may be millions of elements. */
    @Override
    public String toString() {
        return "NamedArray[" + name + " " + Arrays.toString(shape) + "]";
    }
}
