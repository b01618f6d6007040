/** A loss composed from tensor primitives, gradient-checked and used for training. */
package io.github.chainrule.examples.customloss;
