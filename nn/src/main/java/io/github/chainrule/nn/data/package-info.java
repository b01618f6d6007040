/** In-memory datasets, seeded mini-batching and splits, and feature standardisation. */
package io.github.chainrule.nn.data;
