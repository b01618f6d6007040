/**
 * JMH benchmarks for chainrule: dgemm at the MLP's shapes, an MLP training step through the
 * graph beside a hand-written delta-rule baseline on the same kernels, and micrograd's demo
 * step on the scalar graph. Run with {@code java -jar benchmarks/target/benchmarks.jar}; see
 * {@code benchmarks/PERFORMANCE.md}.
 */
package io.github.chainrule.benchmarks;
