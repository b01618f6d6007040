/**
 * Data sets for the examples as plain arrays: the bundled UCI optical digits, the Fashion-MNIST
 * IDX files Debian installs, and the synthetic "two moons".
 *
 * <p>Nothing here depends on the tensor graph or {@code nn}: callers turn the row-major
 * {@code double[]} batches of {@link io.github.chainrule.examples.data.LabelledData} into
 * whatever they train on.
 */
package io.github.chainrule.examples.data;
