/** An MLP on Fashion-MNIST. */
package io.github.chainrule.examples.fashion;
