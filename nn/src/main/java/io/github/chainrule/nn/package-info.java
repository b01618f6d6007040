/**
 * The core of chainrule's neural-network layer: {@link io.github.chainrule.nn.Module} (named,
 * ordered parameters and submodules, state dictionaries) and {@link
 * io.github.chainrule.nn.Parameter} (a replaceable leaf tensor). Nothing in {@code nn} computes
 * a derivative: every gradient comes from the autodiff graph.
 */
package io.github.chainrule.nn;
