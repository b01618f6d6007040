package io.github.chainrule.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which kernels the provider picks, and that it says so when the Vector API is missing. */
class KernelProviderTest {

    @Test
    void missingVectorModuleFallsBackToPlainAndNamesTheFlag() {
        List<String> warnings = new ArrayList<>();
        Kernels kernels = KernelProvider.choose(null, false, warnings::add);
        assertEquals("plain", kernels.name());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("--add-modules jdk.incubator.vector"), warnings.get(0));
    }

    @Test
    void explicitPlainOrReadableModuleWarnsOfNothing() {
        List<String> warnings = new ArrayList<>();
        assertEquals("plain", KernelProvider.choose("plain", false, warnings::add).name());
        assertEquals("vector-api", KernelProvider.choose(null, true, warnings::add).name());
        assertEquals("vector-api", KernelProvider.choose("vector", true, warnings::add).name());
        assertEquals(List.of(), warnings);
    }

    /**
     * A JVM started without the flag, as on a plain class path: the first use logs the flag
     * once (on standard error, through the default System.Logger), however often it is asked.
     */
    @Test
    void plainClassPathLogsTheFlagOnceAtFirstUse() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AskTwice.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("plain: gemm in plain Java loops"), output);
        int first = output.indexOf("--add-modules jdk.incubator.vector");
        assertTrue(first >= 0, output);
        assertEquals(-1, output.indexOf("--add-modules jdk.incubator.vector", first + 1), "logged more than once:\n" + output);
    }

    /** Entry point of the child JVM: asks for the kernels twice and prints what it got. */
    static final class AskTwice {
        public static void main(String[] args) {
            KernelProvider.get();
            System.out.println(KernelProvider.get().describe());
        }
    }
}
