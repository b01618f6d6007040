package io.github.chainrule.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The choice of GEMM micro-kernel from vector width and register count, and its overrides. */
class MicroKernelsTest {

    @Test
    void tileShapeFollowsWidthAndRegisters() {
        assertEquals("8x16 on 512-bit vectors", MicroKernels.choose(512, 32).describe());
        assertEquals("6x8 on 256-bit vectors", MicroKernels.choose(256, 16).describe());
        assertEquals("6x8 on 256-bit vectors", MicroKernels.choose(256, 32).describe());
        assertEquals("6x8 on 128-bit vectors", MicroKernels.choose(128, 32).describe());
        // 512-bit vectors with only 16 registers: the 8×16 tile (19 registers) would spill.
        assertEquals("6x8 on 256-bit vectors", MicroKernels.choose(512, 16).describe());
        // Nothing fits 128 bits in 16 registers: the only 128-bit kernel, spilling.
        assertEquals("6x8 on 128-bit vectors", MicroKernels.choose(128, 16).describe());
        // Narrower than any kernel: the narrowest.
        assertEquals(128, MicroKernels.choose(64, 32).bits());
    }

    @Test
    void everyKernelFitsTheRegistersItIsChosenFor() {
        assertEquals(8 * 2 + 2 + 1, MicroKernels.choose(512, 32).registersNeeded());
        assertEquals(6 * 2 + 2 + 1, MicroKernels.choose(256, 16).registersNeeded());
        assertEquals(6 * 4 + 4 + 1, MicroKernels.choose(128, 32).registersNeeded());
        for (MicroKernel kernel : MicroKernels.ALL) {
            assertEquals(0, kernel.columns() % (kernel.bits() / 64), kernel.describe());
        }
    }

    @Test
    void aIsReadInPlaceOnlyWithRegistersToSpare() {
        assertTrue(MicroKernels.canReadAInPlace(MicroKernels.choose(512, 32), 32));
        assertTrue(MicroKernels.canReadAInPlace(MicroKernels.choose(256, 32), 32));
        assertTrue(MicroKernels.canReadAInPlace(MicroKernels.choose(128, 32), 32));
        // AVX2: the 6×8 kernel uses 15 of 16 registers, and reading A in place would spill.
        assertFalse(MicroKernels.canReadAInPlace(MicroKernels.choose(256, 16), 16));
    }

    @Test
    void registerCountIsAssumedFromWidthAndArchitecture() {
        assertEquals(32, MicroKernels.registers(512, "amd64"));
        assertEquals(16, MicroKernels.registers(256, "amd64"));
        assertEquals(32, MicroKernels.registers(128, "aarch64"));
        assertEquals(16, MicroKernels.registers(128, "x86_64"));
    }

    @Test
    void forcedWidthMustBeAKernelsWidthNoWiderThanPreferred() {
        assertEquals(256, MicroKernels.parseWidth("256", 512));
        assertEquals(128, MicroKernels.parseWidth(" 128 ", 256));
        assertEquals(512, MicroKernels.parseWidth("512", 512));
        assertNull(MicroKernels.parseWidth("512", 256), "wider than the JVM compiles: emulated, refused");
        assertNull(MicroKernels.parseWidth("64", 512));
        assertNull(MicroKernels.parseWidth("wide", 512));
    }

    @Test
    void describeNamesTheMicroKernelAndThreads() {
        String text = new VectorKernels(new MicroKernel256()).describe();
        assertTrue(text.startsWith("vector-api: gemm 6x8 on 256-bit vectors (preferred "), text);
        assertTrue(text.endsWith(ParallelGemm.THREADS + (ParallelGemm.THREADS == 1 ? " thread" : " threads")), text);
        assertTrue(new PlainKernels().describe().startsWith("plain: gemm in plain Java loops"));
    }

    @Test
    void chosenKernelIsTheOneForThisJvmsPreferredWidth() {
        // Surefire sets no chainrule.gemm.bits, so the choice is the preferred width's kernel.
        MicroKernel chosen = new VectorKernels().microKernel();
        int preferred = MicroKernels.preferredBits();
        assertEquals(MicroKernels.choose(preferred, MicroKernels.registers(preferred, System.getProperty("os.arch"))),
                chosen);
    }
}
