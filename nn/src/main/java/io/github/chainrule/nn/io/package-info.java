/**
 * Saving and loading modules: {@link io.github.chainrule.nn.io.Checkpoints} writes a module's
 * parameters (and extras such as preprocessing statistics) as a safetensors file with the codec
 * of {@code io.github.chainrule.safetensors}, and loads them back all or nothing.
 */
package io.github.chainrule.nn.io;
