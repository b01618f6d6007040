package io.github.chainrule.nn.loss;

/**
 * A loss refused one sample of its batch (e.g. a class label outside the classes). It keeps the
 * sample's position in the batch apart from the message around it, so that a caller who knows
 * where the batch came from (a training loop over a shuffled data set) can say which row of the
 * data set is at fault instead of which position in the batch.
 */
public final class SampleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int sample;
    private final String before;
    private final String after;

    /**
     * The message {@code before + "sample " + sample + after}.
     *
     * @param before the text before the sample's name, e.g. {@code "CrossEntropy: label 12 of "}
     * @param sample the position of the sample in the batch
     * @param after the text after it, e.g. {@code " is outside the 10 classes 0..9"}
     */
    public SampleException(String before, int sample, String after) {
        super(before + "sample " + sample + after);
        this.sample = sample;
        this.before = before;
        this.after = after;
    }

    /** The position of the refused sample in the batch. */
    public int sample() {
        return sample;
    }

    /** The same message with the sample named as {@code name}, e.g. {@code "data set row 417"}. */
    public String messageNaming(String name) {
        return before + name + after;
    }
}
