/**
 * Writing computation graphs as Graphviz DOT and, when Graphviz is installed, as SVG.
 */
package io.github.chainrule.examples.graphviz;
