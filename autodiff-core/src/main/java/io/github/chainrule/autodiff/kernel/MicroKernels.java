package io.github.chainrule.autodiff.kernel;

import java.util.List;
import java.util.Locale;
import jdk.incubator.vector.DoubleVector;

/**
 * Chooses the GEMM micro-kernel once, at start-up, from the vector width the JVM prefers and the
 * number of vector registers the CPU has.
 *
 * <p>The tile must fit the register file: {@code MR·NR/lanes} accumulators plus the B vectors of a
 * step and one broadcast. The rule: the widest kernel whose width the JVM compiles natively
 * ({@link DoubleVector#SPECIES_PREFERRED} or narrower) and whose registers fit; if none fits,
 * the one needing the fewest registers at that width.
 *
 * <table>
 *   <caption>Kernels by width</caption>
 *   <tr><th>width</th><th>tile</th><th>registers</th><th>CPUs</th></tr>
 *   <tr><td>512 bits</td><td>8×16</td><td>19 of 32</td><td>AVX-512</td></tr>
 *   <tr><td>256 bits</td><td>6×8</td><td>15 of 16</td><td>AVX2 (and AVX-512 when the JVM prefers 256 bits)</td></tr>
 *   <tr><td>128 bits</td><td>6×8</td><td>29 of 32</td><td>NEON</td></tr>
 * </table>
 *
 * <p>The register count is not something Java can ask: 32 is assumed when the JVM prefers
 * 512-bit vectors (AVX-512 and SVE have 32) or on aarch64 (NEON has 32), 16 otherwise (x86
 * without AVX-512, or with it disabled). The system property {@value #WIDTH_PROPERTY} set to
 * {@code 512}, {@code 256} or {@code 128} forces a narrower kernel (for comparisons, and to run
 * the AVX2-class kernel on an AVX-512 machine); a width above the preferred one is refused,
 * since the JVM would emulate it in scalar code.
 */
final class MicroKernels {

    /** System property forcing the micro-kernel's vector width in bits. */
    static final String WIDTH_PROPERTY = "chainrule.gemm.bits";

    /** Every kernel, widest first. */
    static final List<MicroKernel> ALL = List.of(new MicroKernel512(), new MicroKernel256(), new MicroKernel128());

    private MicroKernels() {
    }

    /** Width in bits of {@link DoubleVector#SPECIES_PREFERRED} on this JVM. */
    static int preferredBits() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** Vector registers assumed for this CPU (see the class comment for why it is a guess). */
    static int registers(int preferredBits, String osArch) {
        return preferredBits >= 512 || "aarch64".equals(osArch) ? 32 : 16;
    }

    /**
     * Vector registers beyond the tile's own ({@link MicroKernel#registersNeeded()}) that the
     * micro-kernel needs to read {@code A} in place: its row addresses crowd the JIT's register
     * allocation, and with the 6×8 kernel at 15 of 16 registers (AVX2) reading in place ran at
     * half the speed of packing.
     */
    static final int IN_PLACE_HEADROOM = 2;

    /** Whether {@code kernel} may read {@code A} in place on a CPU with {@code registers} vector registers. */
    static boolean canReadAInPlace(MicroKernel kernel, int registers) {
        return kernel.registersNeeded() + IN_PLACE_HEADROOM <= registers;
    }

    /** {@link #canReadAInPlace(MicroKernel, int)} for this machine's assumed register count. */
    static boolean canReadAInPlace(MicroKernel kernel) {
        return canReadAInPlace(kernel, registers(preferredBits(), System.getProperty("os.arch")));
    }

    /** The kernel for this JVM, honouring {@value #WIDTH_PROPERTY}; chosen (and a refused setting logged) once. */
    static MicroKernel forThisMachine() {
        return Chosen.KERNEL;
    }

    /** Holder: the choice is made on first use, once per JVM. */
    private static final class Chosen {
        static final MicroKernel KERNEL = chooseForThisMachine();
    }

    private static MicroKernel chooseForThisMachine() {
        int preferred = preferredBits();
        int registers = registers(preferred, System.getProperty("os.arch"));
        String forced = System.getProperty(WIDTH_PROPERTY);
        int width = preferred;
        if (forced != null) {
            Integer asked = parseWidth(forced, preferred);
            if (asked == null) {
                System.getLogger(MicroKernels.class.getName()).log(System.Logger.Level.WARNING,
                        "ignoring -D" + WIDTH_PROPERTY + "=" + forced + ": expected 512, 256 or 128,"
                        + " at most the preferred vector width of this JVM (" + preferred + " bits)");
            } else {
                width = asked;
            }
        }
        return choose(width, registers);
    }

    /** The width {@code value} names if it is a kernel's width not above {@code preferred}, else null. */
    static Integer parseWidth(String value, int preferred) {
        int bits;
        try {
            bits = Integer.parseInt(value.trim().toLowerCase(Locale.ROOT).replace("bits", "").trim());
        } catch (NumberFormatException e) {
            return null;
        }
        for (MicroKernel kernel : ALL) {
            if (kernel.bits() == bits && bits <= preferred) {
                return bits;
            }
        }
        return null;
    }

    /**
     * The widest kernel at most {@code widthBits} wide that fits in {@code registers}; if none
     * fits, the narrowest-register one at most that wide; if none is that narrow, the narrowest.
     */
    static MicroKernel choose(int widthBits, int registers) {
        MicroKernel fallback = null;
        for (MicroKernel kernel : ALL) {
            if (kernel.bits() > widthBits) {
                continue;
            }
            if (kernel.registersNeeded() <= registers) {
                return kernel;
            }
            if (fallback == null || kernel.registersNeeded() < fallback.registersNeeded()) {
                fallback = kernel;
            }
        }
        return fallback != null ? fallback : ALL.get(ALL.size() - 1);
    }
}
