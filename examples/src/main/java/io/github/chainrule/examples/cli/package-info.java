/**
 * Subcommands of the {@code chainrule} command line ({@link io.github.chainrule.examples.Main}).
 */
package io.github.chainrule.examples.cli;
