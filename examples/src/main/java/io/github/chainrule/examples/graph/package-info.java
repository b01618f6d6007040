/** Computation graphs drawn with their values and gradients. */
package io.github.chainrule.examples.graph;
