/**
 * The worker threads chainrule's parallel loops share: one pool for the matrix kernels and
 * nn's optimiser passes, sized by the system property {@code chainrule.threads}.
 */
package io.github.chainrule.autodiff.concurrent;
