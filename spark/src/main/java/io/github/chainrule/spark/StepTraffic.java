package io.github.chainrule.spark;

import java.util.Locale;

/**
 * What one training step moves over the network: the allreduce of {@link SocketAllReduce}.
 * Each task but task 0 sends its partial gradient (plus one flag per parameter tensor and the
 * loss and metric sums) and receives the sum; task 0 receives P−1 of them and sends the sum to
 * each. Nothing goes through the driver per step; once per epoch the driver broadcasts the
 * checkpoint (weights and optimiser state) and receives it back from task 0.
 *
 * @param gradientValues the trainable values in a gradient
 * @param messageBytes the bytes of one message (8 per double)
 * @param partitions the number of tasks P
 */
public record StepTraffic(long gradientValues, long messageBytes, int partitions) {

    /** The bytes task 0 sends and receives per step: 2(P−1) messages. */
    public long taskZeroBytes() {
        return 2L * (partitions - 1) * messageBytes;
    }

    /** A one-line report. */
    public String summary() {
        return String.format(Locale.ROOT,
                "per step: broadcast %,d parameters' gradient sum (%,d bytes) from task 0 to each of the other %d tasks, "
                        + "after gathering their partial gradients (%,d bytes each); %,d bytes in and out of task 0",
                gradientValues, messageBytes, partitions - 1, messageBytes, taskZeroBytes());
    }
}
