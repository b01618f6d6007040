package io.github.chainrule.examples.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A data set that is not bundled was not found where it was looked for. The message says which
 * files are missing and how to install them, so a command line can print it as it is.
 */
public final class MissingDataException extends IOException {

    private static final long serialVersionUID = 1L;

    private final Path directory;
    private final List<String> missing;

    /**
     * @param directory where the files were looked for
     * @param missing   the names of the files not found there
     * @param message   the full, user-facing explanation
     */
    public MissingDataException(Path directory, List<String> missing, String message) {
        super(message);
        this.directory = directory;
        this.missing = List.copyOf(missing);
    }

    /** @return the directory that was searched */
    public Path directory() {
        return directory;
    }

    /** @return the names of the missing files */
    public List<String> missing() {
        return missing;
    }
}
