/**
 * Costs composed from graph operations only, each with a {@link
 * io.github.chainrule.nn.loss.Reduction} (mean, sum, none): the notes' {@link
 * io.github.chainrule.nn.loss.QuadraticCost}, mean squared error, cross-entropy from logits
 * (class weights, label smoothing, an ignored index), binary cross-entropy with logits and Huber.
 */
package io.github.chainrule.nn.loss;
