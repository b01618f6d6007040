package io.github.chainrule.nn.train;

/**
 * Loss and metric of a model on a dataset, computed without recording a graph.
 *
 * @param loss the mean loss
 * @param metric the metric, or NaN when the trainer has none
 */
public record Evaluation(double loss, double metric) {
}
