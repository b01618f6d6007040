/**
 * Layers built from graph operations: {@link io.github.chainrule.nn.layers.Linear} (on inputs of
 * shape (…, in)), {@link io.github.chainrule.nn.layers.Sequential}, activation modules, {@link
 * io.github.chainrule.nn.layers.Dropout}, {@link io.github.chainrule.nn.layers.LayerNorm},
 * {@link io.github.chainrule.nn.layers.Embedding}, {@link
 * io.github.chainrule.nn.layers.Standardize}, and the {@link io.github.chainrule.nn.layers.MLP}
 * builder with its per-layer {@link io.github.chainrule.nn.layers.Trace} and {@link
 * io.github.chainrule.nn.layers.PerSampleGradients}.
 */
package io.github.chainrule.nn.layers;
