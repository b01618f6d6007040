package io.github.chainrule.nn.train;

/**
 * What one epoch of training measured. Values that were not computed (no metric, no
 * validation set) are NaN.
 *
 * @param epoch the epoch number, from 1
 * @param trainLoss the mean loss over the epoch's training samples (before each batch's step)
 * @param trainMetric the mean metric over the epoch's training samples, or NaN
 * @param validationLoss the loss on the validation set after the epoch, or NaN
 * @param validationMetric the metric on the validation set after the epoch, or NaN
 * @param learningRate the learning rate used in the epoch
 * @param millis the epoch's wall-clock duration in milliseconds
 */
public record EpochStats(int epoch, double trainLoss, double trainMetric, double validationLoss,
        double validationMetric, double learningRate, long millis) {

    /** A one-line summary, e.g. {@code epoch 3: loss 0.1234 accuracy 0.9500 | val loss …}. */
    public String summary() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "epoch %d: loss %.6f", epoch, trainLoss));
        if (!Double.isNaN(trainMetric)) {
            sb.append(String.format(java.util.Locale.ROOT, " metric %.4f", trainMetric));
        }
        if (!Double.isNaN(validationLoss)) {
            sb.append(String.format(java.util.Locale.ROOT, " | val loss %.6f", validationLoss));
        }
        if (!Double.isNaN(validationMetric)) {
            sb.append(String.format(java.util.Locale.ROOT, " val metric %.4f", validationMetric));
        }
        return sb.toString();
    }
}
