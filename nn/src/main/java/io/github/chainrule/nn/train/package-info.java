/**
 * The training loop: {@link io.github.chainrule.nn.train.Trainer} with per-epoch statistics,
 * listeners, metrics, early stopping and an optional console progress bar.
 */
package io.github.chainrule.nn.train;
