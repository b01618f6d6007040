/** Seeded, reproducible parameter initialisers: Xavier/Glorot and He/Kaiming, uniform and normal. */
package io.github.chainrule.nn.init;
