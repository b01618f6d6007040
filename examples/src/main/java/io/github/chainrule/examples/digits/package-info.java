/** The default job: an MLP on the bundled 8x8 digits. */
package io.github.chainrule.examples.digits;
