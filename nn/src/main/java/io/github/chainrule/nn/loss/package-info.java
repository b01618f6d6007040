/**
 * Costs composed from graph operations only: the notes' {@link
 * io.github.chainrule.nn.loss.QuadraticCost}, mean squared error, cross-entropy from logits,
 * binary cross-entropy with logits and Huber.
 */
package io.github.chainrule.nn.loss;
