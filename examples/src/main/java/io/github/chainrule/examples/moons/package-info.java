/** micrograd's two-moons demo on the scalar graph. */
package io.github.chainrule.examples.moons;
