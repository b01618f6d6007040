/** Training MLP classifiers with nn's trainer, plotting their curves and saving their weights. */
package io.github.chainrule.examples.classify;
