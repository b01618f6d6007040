package io.github.chainrule.autodiff.kernel;

/**
 * The dense loops behind the tensor graph: everything that touches every element of a large
 * array lives here, away from the graph, so that a faster implementation can replace the
 * plain-Java one without the graph noticing.
 *
 * <p>All matrices are row-major {@code double[]} with an offset, and a matrix given "transposed"
 * is read as its transpose without being copied; this is what the two backward products of
 * {@code C = A B} need ({@code dA = G Bᵀ}, {@code dB = Aᵀ G}).
 *
 * <p>Implementations are stateless and safe to call from several threads at once.
 */
public interface Kernels {

    /**
     * General matrix product {@code C = op(A) op(B)} or {@code C += op(A) op(B)}.
     *
     * <p>{@code op(A)} is {@code m×k}: when {@code transA} is false, {@code A} is stored as
     * {@code m×k} (row stride {@code k}); when true, {@code A} is stored as {@code k×m} (row
     * stride {@code m}) and read transposed. Likewise {@code op(B)} is {@code k×n}, stored as
     * {@code k×n} or, when {@code transB}, as {@code n×k}. {@code C} is {@code m×n} with row
     * stride {@code n}.
     *
     * @param accumulate when true, adds the product to {@code C}; when false, overwrites it
     */
    void gemm(double[] a, int aOffset, boolean transA,
              double[] b, int bOffset, boolean transB,
              double[] c, int cOffset,
              int m, int n, int k, boolean accumulate);

    /** Dot product {@code Σ_i x[xOffset+i] · y[yOffset+i]} over {@code length} elements. */
    double dot(double[] x, int xOffset, double[] y, int yOffset, int length);

    /** {@code y[i] += alpha · x[i]} for {@code length} elements. */
    void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length);

    /** Sum of {@code length} elements from {@code offset}. */
    double sum(double[] x, int offset, int length);

    /** A short name for reports and benchmarks, e.g. {@code "plain"} or {@code "vector-api"}. */
    String name();

    /**
     * What runs the products on this machine, for logs and benchmark reports: the name, and for
     * the vector kernels the micro-kernel's tile shape and vector width, e.g.
     * {@code "vector-api: gemm 6x8 on 256-bit vectors (preferred 256 bits, 16 registers assumed), 2 threads"}.
     */
    default String describe() {
        return name();
    }
}
