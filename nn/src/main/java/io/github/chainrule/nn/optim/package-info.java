/**
 * Optimisers that turn graph gradients into parameter updates, all or nothing: SGD (momentum,
 * Nesterov, weight decay), Adam, AdamW; learning-rate schedules; gradient clipping.
 */
package io.github.chainrule.nn.optim;
