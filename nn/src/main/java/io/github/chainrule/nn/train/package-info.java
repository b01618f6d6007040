/**
 * The training loop: {@link io.github.chainrule.nn.train.Trainer} with per-epoch statistics,
 * listeners, metrics, early stopping, checkpoints a run resumes from exactly, and an optional
 * console progress bar.
 */
package io.github.chainrule.nn.train;
