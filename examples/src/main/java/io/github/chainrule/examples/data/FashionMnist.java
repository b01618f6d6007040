package io.github.chainrule.examples.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf, Zalando Research, 2017; MIT licence): 28x28 grey
 * images of clothing in 10 classes, 60,000 for training and 10,000 for testing.
 *
 * <p>It is too large to bundle, so it is read from the four IDX files, raw or gzipped, in a
 * directory; Debian's {@code dataset-fashion-mnist} package installs them in
 * {@link #DEFAULT_DIR}. Pixels are scaled from 0..255 to [0, 1]; each sample's 784 features are
 * the image rows from the top. The files are checked strictly (magic numbers, 28x28 images,
 * image and label counts equal, labels 0..9); other sample counts are accepted, so a subset
 * written in the same format loads too.
 */
public final class FashionMnist {

    /** Where {@code sudo apt-get install dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The command that installs the data set on Debian and Ubuntu. */
    public static final String INSTALL_COMMAND = "sudo apt-get install dataset-fashion-mnist";
    /** Training images, without the optional {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** Training labels, without the optional {@code .gz}. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** Test images, without the optional {@code .gz}. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** Test labels, without the optional {@code .gz}. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The four files, in reading order. */
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    /** Side of the square images, in pixels. */
    public static final int SIDE = 28;
    /** Features per sample, {@code SIDE * SIDE}. */
    public static final int FEATURES = SIDE * SIDE;
    /** Number of classes. */
    public static final int CLASSES = 10;
    /** Class names, indexed by label, as in the data set's README. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /**
     * Loads both parts from the directory Debian's package installs to.
     *
     * @return the training (60,000) and test (10,000) samples
     * @throws MissingDataException if files are missing, naming them and the install command
     * @throws IOException          if a file cannot be read or is malformed
     */
    public static TrainTest load() throws IOException {
        return load(DEFAULT_DIR);
    }

    /**
     * Loads both parts from a directory holding the four IDX files.
     *
     * @param dir the directory
     * @return all training and test samples
     * @throws MissingDataException if files are missing, naming them and the install command
     * @throws IOException          if a file cannot be read or is malformed
     */
    public static TrainTest load(Path dir) throws IOException {
        return load(dir, Integer.MAX_VALUE);
    }

    /**
     * Loads at most {@code limit} samples of each part — the first ones in file order — so a
     * quick run need not hold 60,000 x 784 doubles (about 380 MB).
     *
     * @param dir   the directory
     * @param limit the largest number of samples to keep per part, at least 1
     * @return the training and test samples
     * @throws MissingDataException if files are missing, naming them and the install command
     * @throws IOException          if a file cannot be read or is malformed
     */
    public static TrainTest load(Path dir, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<String> missing = missingFiles(dir);
        if (!missing.isEmpty()) {
            throw missing(dir, missing);
        }
        LabelledData train = part(locate(dir, TRAIN_IMAGES).orElseThrow(), locate(dir, TRAIN_LABELS).orElseThrow(), limit);
        LabelledData test = part(locate(dir, TEST_IMAGES).orElseThrow(), locate(dir, TEST_LABELS).orElseThrow(), limit);
        return new TrainTest(train, test);
    }

    /**
     * Lists which of the four files are in neither raw nor gzipped form in a directory.
     *
     * @param dir the directory; need not exist
     * @return the base names of the missing files, empty when all are there
     */
    public static List<String> missingFiles(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String name : FILES) {
            if (locate(dir, name).isEmpty()) {
                missing.add(name);
            }
        }
        return missing;
    }

    /**
     * Finds one file, preferring the raw form when both exist because it reads faster.
     *
     * @param dir  the directory
     * @param name a base name from {@link #FILES}
     * @return the readable raw or {@code .gz} file, if any
     */
    public static Optional<Path> locate(Path dir, String name) {
        for (Path candidate : List.of(dir.resolve(name), dir.resolve(name + ".gz"))) {
            if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static MissingDataException missing(Path dir, List<String> missing) {
        StringBuilder message = new StringBuilder("Fashion-MNIST is incomplete in ")
                .append(dir.toAbsolutePath()).append(": missing ");
        for (int i = 0; i < missing.size(); i++) {
            message.append(i == 0 ? "" : ", ").append(missing.get(i)).append("[.gz]");
        }
        message.append(".\nInstall it with: ").append(INSTALL_COMMAND)
                .append(" (it goes to ").append(DEFAULT_DIR).append(")")
                .append(",\nor point to a directory holding ").append(String.join(", ", FILES))
                .append(" (raw or .gz) from https://github.com/zalandoresearch/fashion-mnist.");
        return new MissingDataException(dir, missing, message.toString());
    }

    private static LabelledData part(Path imageFile, Path labelFile, int limit) throws IOException {
        IdxFile images = IdxFile.read(imageFile);
        IdxFile labels = IdxFile.read(labelFile);
        int[] imageDims = images.dimensions();
        int[] labelDims = labels.dimensions();
        if (imageDims.length != 3 || imageDims[1] != SIDE || imageDims[2] != SIDE) {
            throw new IOException(imageFile + ": expected images of " + SIDE + "x" + SIDE + ", found dimensions "
                    + Arrays.toString(imageDims));
        }
        if (labelDims.length != 1) {
            throw new IOException(labelFile + ": expected one dimension of labels, found "
                    + Arrays.toString(labelDims));
        }
        if (imageDims[0] != labelDims[0]) {
            throw new IOException(imageFile + " holds " + imageDims[0] + " images but " + labelFile + " holds "
                    + labelDims[0] + " labels");
        }
        if (imageDims[0] == 0) {
            throw new IOException(imageFile + " holds no images");
        }
        int rows = Math.min(limit, imageDims[0]);
        double[] features = new double[rows * FEATURES];
        for (int i = 0; i < features.length; i++) {
            features[i] = images.unsigned(i) / 255.0;
        }
        int[] classes = new int[rows];
        for (int i = 0; i < rows; i++) {
            classes[i] = labels.unsigned(i);
            if (classes[i] >= CLASSES) {
                throw new IOException(labelFile + ": label " + classes[i] + " at index " + i + " is not 0..9");
            }
        }
        return LabelledData.wrap(features, classes, FEATURES, CLASSES);
    }
}
