/**
 * Optimisers that turn graph gradients into parameter updates, all or nothing, skipping frozen
 * parameters: SGD (momentum, Nesterov, weight decay), Adam, AdamW, each with a state dictionary
 * for resumable training; learning-rate schedules; gradient clipping.
 */
package io.github.chainrule.nn.optim;
