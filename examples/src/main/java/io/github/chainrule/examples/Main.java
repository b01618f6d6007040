package io.github.chainrule.examples;

import io.github.chainrule.examples.cli.DatasetsCommand;
import io.github.chainrule.examples.delta.DeltaRuleCommand;
import io.github.chainrule.examples.digits.DigitsCommand;
import io.github.chainrule.examples.fashion.FashionMnistCommand;
import io.github.chainrule.examples.moons.MoonsCommand;
import io.github.chainrule.examples.customloss.CustomLossCommand;
import io.github.chainrule.examples.graph.GraphCommand;
import io.github.chainrule.examples.newton.NewtonCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code chainrule} command line: one subcommand per example, sharing an output directory
 * and a random seed.
 *
 * <p>The shared options are declared here once and inherited by every subcommand, so both
 * {@code chainrule --seed 7 datasets} and {@code chainrule datasets --seed 7} work; subcommands
 * read them through {@link #outputDirectory()} and {@link #seed()} from a
 * {@code @ParentCommand Main} field.
 */
@Command(name = "chainrule",
        mixinStandardHelpOptions = true,
        version = "chainrule examples 0.1.0-SNAPSHOT",
        description = "Examples of the chainrule reverse-mode autodiff engine.",
        subcommands = {DigitsCommand.class, FashionMnistCommand.class, DeltaRuleCommand.class, MoonsCommand.class,
                CustomLossCommand.class, GraphCommand.class, NewtonCommand.class,
                DatasetsCommand.class, HelpCommand.class})
public final class Main implements Callable<Integer> {

    static {
        // Charts render off-screen; set before anything touches AWT.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Default of {@code --out}: a directory under the working directory (git-ignored). */
    public static final String DEFAULT_OUT = "chainrule-out";

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = DEFAULT_OUT, scope = ScopeType.INHERIT,
            description = "Directory for charts, graphs and logs (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", scope = ScopeType.INHERIT,
            description = "Seed for every random choice: initial weights, shuffles, splits (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli fills in the options. */
    public Main() {
    }

    /**
     * Runs the command line and exits with its status if it failed. On success it returns
     * normally instead of calling {@link System#exit}, so that {@code mvn exec:java}, which runs
     * this in Maven's own JVM, can finish its build.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Parses and runs a command line.
     *
     * @param args command-line arguments
     * @return the exit status: 0 on success, 2 for a usage error, 1 for a failure
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * @return a fresh picocli command line for {@code chainrule}, for callers (and tests) that
     *         want to redirect its output before executing it
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    /**
     * Without a subcommand, runs the default job: {@code digits} with its default options (the
     * shared {@code --out} and {@code --seed} still apply). {@code chainrule help} lists the rest.
     */
    @Override
    public Integer call() throws IOException {
        PrintWriter writer = spec.commandLine().getOut();
        writer.println("no subcommand given: running the default job, digits ('chainrule help' lists all)");
        DigitsCommand.run(DigitsCommand.Config.defaults(seed), out, writer);
        return 0;
    }

    /** @return the directory for output files, from {@code --out} */
    public Path outputDirectory() {
        return out;
    }

    /** @return the random seed, from {@code --seed} */
    public long seed() {
        return seed;
    }
}
