package io.github.chainrule.autodiff.kernel;

/**
 * One register-blocked tile of the matrix product: {@code C[r][j] (+)= Σ_p A[r][p] · Bp[p][j]}
 * for a {@link #rows()}×{@link #columns()} tile of {@code C}, reading one packed B sliver
 * ({@code columns()} values per step, laid out by {@link Packing}) and {@code A} either as a
 * packed sliver ({@code rows()} values per step) or in place, as rows of a row-major matrix.
 *
 * <p>Each subclass is written for one vector width, with its species a compile-time constant:
 * the Vector API only compiles to vector instructions when the JIT sees the species as a
 * constant, so the width cannot be a parameter, and each tile shape is unrolled by hand (its
 * accumulators must be locals to live in registers). {@link MicroKernels} picks one at start-up.
 *
 * <p>Each kernel spells out the tile twice, in two methods, once per layout of {@code A}: the JIT
 * drops the bounds checks only where an index is a fixed offset plus a constant multiple of the
 * step ({@code ao + p·MR + r} for a packed sliver, {@code a_r + p} for row {@code r} in place),
 * and one loop over general strides ({@code ao + r·rowStride + p·stepStride}) kept a check on
 * every load and ran 20–60% slower on the packed layout. Separate methods, because with both
 * loops in one method the JIT's register allocation halved the packed loop's speed at 16
 * registers (the 6×8 kernel under AVX2).
 */
abstract class MicroKernel {

    /** The {@code lda} that marks {@code A} as a packed sliver rather than rows read in place. */
    static final int PACKED_A = 0;

    private final int rows;
    private final int vectorsPerRow;
    private final int bits;

    /** A kernel for tiles of {@code rows} rows of {@code vectorsPerRow} vectors of {@code bits} bits. */
    MicroKernel(int rows, int vectorsPerRow, int bits) {
        this.rows = rows;
        this.vectorsPerRow = vectorsPerRow;
        this.bits = bits;
    }

    /** Tile height {@code MR}: rows of {@code C} per tile, one broadcast A value each per step. */
    final int rows() {
        return rows;
    }

    /** Tile width {@code NR}: columns of {@code C} per tile, a whole number of vectors. */
    final int columns() {
        return vectorsPerRow * bits / Double.SIZE;
    }

    /** Vector width in bits that the kernel's species uses. */
    final int bits() {
        return bits;
    }

    /**
     * Vector registers the inner loop keeps live: the {@code rows·vectorsPerRow} accumulators,
     * the B vectors of one step and one broadcast A value. More than the CPU has means the JIT
     * spills accumulators.
     */
    final int registersNeeded() {
        return rows * vectorsPerRow + vectorsPerRow + 1;
    }

    /**
     * Computes one tile.
     *
     * <p>{@code A} is read in one of two layouts. Packed ({@code lda == PACKED_A}): a sliver laid
     * out by {@link Packing}, {@code rows()} values per step from {@code ao}. In place
     * ({@code lda > 0}): row {@code r} of the tile, step {@code p}, at {@code a[ao + r·lda + p]},
     * which saves the copy when each value of {@code A} is used by few tiles; only the
     * {@code validRows} rows inside {@code A} are read.
     *
     * @param a packed A, or the row-major matrix A itself
     * @param ao index of the tile's first value of A
     * @param lda {@link #PACKED_A}, or the row stride of A read in place
     * @param bp packed B; the sliver starts at {@code bo} and holds {@code columns()} values per step
     * @param kc number of steps (the depth of the block)
     * @param c the output, tile's top-left element at {@code co}, row stride {@code ldc}
     * @param validRows rows of the tile inside {@code C} (the rest is zero padding or dropped)
     * @param validCols columns of the tile inside {@code C}
     * @param overwrite whether to store the tile ({@code C = tile}) rather than add it
     * @param tile scratch of at least {@code rows()·columns()} doubles, for edge tiles
     */
    abstract void multiply(double[] a, int ao, int lda, double[] bp, int bo, int kc,
                           double[] c, int co, int ldc, int validRows, int validCols,
                           boolean overwrite, double[] tile);

    /** For reports: e.g. {@code "8x16 on 512-bit vectors"}. */
    final String describe() {
        return rows() + "x" + columns() + " on " + bits() + "-bit vectors";
    }

    /**
     * Writes the valid {@code rows×cols} corner of a tile spilled to {@code tile} (row stride
     * {@code stride}) into {@code C}.
     */
    static void updateEdge(double[] tile, int stride, double[] c, int co, int ldc, int rows, int cols,
                           boolean overwrite) {
        for (int r = 0; r < rows; r++) {
            int ci = co + r * ldc;
            int ti = r * stride;
            if (overwrite) {
                System.arraycopy(tile, ti, c, ci, cols);
            } else {
                for (int j = 0; j < cols; j++) {
                    c[ci + j] += tile[ti + j];
                }
            }
        }
    }
}
