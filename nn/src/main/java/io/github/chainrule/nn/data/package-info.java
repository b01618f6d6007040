/**
 * In-memory datasets, a user's own CSV tables, seeded mini-batching and splits, and feature
 * standardisation (also as a model's first layer, saved with it).
 */
package io.github.chainrule.nn.data;
