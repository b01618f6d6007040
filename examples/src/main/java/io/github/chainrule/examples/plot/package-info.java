/**
 * PNG charts for the examples, drawn off-screen with XChart: training curves and 2-d decision
 * boundaries. Inputs are plain arrays, so any training loop can feed them.
 */
package io.github.chainrule.examples.plot;
