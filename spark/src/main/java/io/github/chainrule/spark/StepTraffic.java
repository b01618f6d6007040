package io.github.chainrule.spark;

import java.util.Locale;

/**
 * What one synchronous step moves over the network.
 *
 * <p>Out of the driver: the weights, broadcast once per step (Spark's torrent broadcast sends
 * them to each executor once, however many tasks it runs; executors also share blocks). Back to
 * the driver: one partial gradient per partition, summed on the way by {@code treeAggregate}
 * (with depth 2 and many partitions the executors pre-sum, so the driver receives about √P of
 * them). Also per task, a closure of a few hundred bytes plus 8 bytes per batch index.
 *
 * @param parameterValues the number of parameter values broadcast
 * @param gradientValues the number of trainable values in each partial gradient
 * @param broadcastBytes the Java-serialised size of the broadcast weights
 * @param gradientBytes the Java-serialised size of one full partial gradient
 * @param partitions the number of partitions of the data (partial gradients per step, at most)
 */
public record StepTraffic(long parameterValues, long gradientValues, long broadcastBytes, long gradientBytes,
        int partitions) {

    /** The bytes of partial gradients produced per step: partitions × gradient bytes. */
    public long aggregatedBytes() {
        return (long) partitions * gradientBytes;
    }

    /** A one-line report, e.g. for the trainer's log. */
    public String summary() {
        return String.format(Locale.ROOT,
                "per step: broadcast %,d parameters = %,d bytes (raw %,d) to each executor; "
                        + "aggregate up to %d partial gradients of %,d values = %,d bytes each, %,d bytes in all",
                parameterValues, broadcastBytes, 8 * parameterValues, partitions, gradientValues, gradientBytes,
                aggregatedBytes());
    }
}
