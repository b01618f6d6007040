/** The delta rule of backpropagation, read from the graph and compared with the textbook formulas. */
package io.github.chainrule.examples.delta;
