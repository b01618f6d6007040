package io.github.chainrule.examples.cli;

import io.github.chainrule.examples.Main;
import io.github.chainrule.examples.data.Digits;
import io.github.chainrule.examples.data.FashionMnist;
import io.github.chainrule.examples.data.IdxFile;
import io.github.chainrule.examples.data.LabelledData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule datasets}: lists the data sets the examples can use and whether each is
 * available here. Fashion-MNIST is only probed (file headers), not loaded, so the listing is
 * instant.
 */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List the data sets the examples use and whether they are available.")
public final class DatasetsCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--fashion-dir", paramLabel = "DIR",
            description = "Where to look for the Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).")
    private Path fashionDir = FashionMnist.DEFAULT_DIR;

    /** Creates the command; picocli fills in the options. */
    public DatasetsCommand() {
    }

    /**
     * Prints one paragraph per data set.
     *
     * @return 0; a missing optional data set is reported, not a failure
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LabelledData digits = Digits.load();
        out.printf("digits         bundled: %d rows x %d features (%dx%d, values 0..%d), %d classes%n",
                digits.rows(), digits.columns(), Digits.SIDE, Digits.SIDE, Digits.MAX_VALUE, digits.classes());
        out.printf("               class counts %s%n", Arrays.toString(digits.classCounts()));
        describeFashion(out);
        out.printf("moons          generated on demand: 2 features, 2 classes (seed %d)%n", main.seed());
        out.flush();
        return 0;
    }

    private void describeFashion(PrintWriter out) {
        List<String> missing = FashionMnist.missingFiles(fashionDir);
        if (!missing.isEmpty()) {
            out.printf("fashion-mnist  not found in %s (missing %s)%n", fashionDir, String.join(", ", missing));
            out.printf("               install with: %s%n", FashionMnist.INSTALL_COMMAND);
            return;
        }
        try {
            int train = count(FashionMnist.TRAIN_IMAGES);
            int test = count(FashionMnist.TEST_IMAGES);
            out.printf("fashion-mnist  found in %s: %d train + %d test images (%dx%d, scaled to [0, 1]), %d classes%n",
                    fashionDir, train, test, FashionMnist.SIDE, FashionMnist.SIDE, FashionMnist.CLASSES);
        } catch (IOException e) {
            out.printf("fashion-mnist  unreadable in %s: %s%n", fashionDir, e.getMessage());
        }
    }

    private int count(String name) throws IOException {
        Path file = FashionMnist.locate(fashionDir, name).orElseThrow();
        return IdxFile.readDimensions(file)[0];
    }
}
