package io.github.chainrule.examples.graphviz;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes DOT text to a file and renders it to SVG with Graphviz's {@code dot} when that program
 * is on the {@code PATH}.
 *
 * <p>Rendering is optional by design: the {@code .dot} file is always written and is useful on
 * its own (paste it into any Graphviz viewer), so a machine without Graphviz gets a note, not a
 * failure. {@code dot} runs as a separate process with a timeout because a huge graph can make
 * it run for minutes.
 */
public final class Graphviz {

    /** How long {@link #render(String, Path)} lets {@code dot} run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Install hint shown when {@code dot} is not found. */
    public static final String INSTALL_HINT = "install Graphviz (sudo apt-get install graphviz) to get an SVG";

    private Graphviz() {
    }

    /**
     * What {@link #render} produced.
     *
     * @param dot     the DOT file, always written
     * @param svg     the SVG file, present only if {@code dot} ran and succeeded
     * @param message a one-line account for the user: where the files are, or why there is no SVG
     */
    public record Result(Path dot, Optional<Path> svg, String message) {

        /** @return whether an SVG was made */
        public boolean svgWritten() {
            return svg.isPresent();
        }
    }

    /**
     * Writes {@code dotText} to {@code dotFile} and, if possible, {@code dotFile} with its
     * extension replaced by {@code .svg}, with the default timeout.
     *
     * @param dotText a complete DOT graph
     * @param dotFile where to write it, conventionally ending in {@code .dot}; parent
     *                directories are created
     * @return the files written and a message
     * @throws IOException if the DOT file cannot be written (a failing {@code dot} is not an exception)
     */
    public static Result render(String dotText, Path dotFile) throws IOException {
        return render(dotText, dotFile, DEFAULT_TIMEOUT);
    }

    /**
     * Writes {@code dotText} to {@code dotFile} and, if possible, the matching {@code .svg}.
     *
     * @param dotText a complete DOT graph
     * @param dotFile where to write it; parent directories are created
     * @param timeout how long {@code dot} may run before it is killed
     * @return the files written and a message
     * @throws IOException if the DOT file cannot be written
     */
    public static Result render(String dotText, Path dotFile, Duration timeout) throws IOException {
        Path parent = dotFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(dotFile, dotText, StandardCharsets.UTF_8);
        Path svgFile = svgPath(dotFile);
        Optional<Path> executable = findDot();
        if (executable.isEmpty()) {
            return new Result(dotFile, Optional.empty(), "wrote " + dotFile + "; no 'dot' on the PATH, " + INSTALL_HINT);
        }
        String failure = runDot(executable.get(), dotFile, svgFile, timeout);
        if (failure != null) {
            return new Result(dotFile, Optional.empty(), "wrote " + dotFile + "; no SVG: " + failure);
        }
        return new Result(dotFile, Optional.of(svgFile), "wrote " + dotFile + " and " + svgFile);
    }

    /**
     * Looks for an executable {@code dot} in the directories of the {@code PATH} environment
     * variable, without starting a process.
     *
     * @return the executable, if found
     */
    public static Optional<Path> findDot() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, windows ? "dot.exe" : "dot");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * @param dotFile a DOT file name
     * @return the same name with its extension, if any, replaced by {@code .svg}
     */
    public static Path svgPath(Path dotFile) {
        String name = dotFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dotFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".svg");
    }

    /** Runs {@code dot -Tsvg}; returns null on success, else why it failed. */
    private static String runDot(Path executable, Path dotFile, Path svgFile, Duration timeout) throws IOException {
        // Diagnostics go to a temporary file rather than a pipe, so a chatty dot cannot block on a
        // full pipe buffer while we wait for it.
        Path log = Files.createTempFile("chainrule-dot", ".log");
        try {
            Process process = new ProcessBuilder(executable.toString(), "-Tsvg", "-o", svgFile.toString(),
                    dotFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                return "interrupted while waiting for dot";
            }
            if (!finished) {
                process.destroyForcibly();
                Files.deleteIfExists(svgFile);
                return "dot did not finish within " + timeout.toSeconds() + " s";
            }
            if (process.exitValue() != 0) {
                Files.deleteIfExists(svgFile);
                String output = Files.readString(log, StandardCharsets.UTF_8).strip();
                return "dot exited with " + process.exitValue() + (output.isEmpty() ? "" : ": " + firstLine(output));
            }
            return Files.isRegularFile(svgFile) ? null : "dot exited normally but wrote no " + svgFile;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
