/**
 * Layers built from graph operations: {@link io.github.chainrule.nn.layers.Linear}, {@link
 * io.github.chainrule.nn.layers.Sequential}, activation modules, and the {@link
 * io.github.chainrule.nn.layers.MLP} builder with its per-layer {@link
 * io.github.chainrule.nn.layers.Trace}.
 */
package io.github.chainrule.nn.layers;
