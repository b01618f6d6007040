package io.github.chainrule.nn.data;

/**
 * A dataset split into a training and a test part.
 *
 * @param train the training samples
 * @param test the held-out samples
 */
public record Split(Dataset train, Dataset test) {
}
