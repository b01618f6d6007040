package io.github.chainrule.nn.train;

import java.io.Console;
import java.lang.reflect.Method;

/** What the progress display needs to know of the terminal, found without native code. */
final class Terminal {
    /** The width assumed when the terminal does not say (the classic 80 columns). */
    static final int DEFAULT_COLUMNS = 80;

    private Terminal() {
    }

    /**
     * Whether standard output and error go to an interactive terminal. From Java 22 on,
     * {@link System#console()} also returns a console for redirected output, so its
     * {@code isTerminal()} is asked where it exists.
     */
    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17-21: a non-null console is a terminal
        }
    }

    /** The terminal's width from the {@code COLUMNS} variable, else {@value #DEFAULT_COLUMNS}. */
    static int columns() {
        return columns(System.getenv("COLUMNS"));
    }

    /** The width a {@code COLUMNS} value names; {@value #DEFAULT_COLUMNS} when absent or invalid. */
    static int columns(String value) {
        if (value != null) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= 20 && n <= 1000) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return DEFAULT_COLUMNS;
    }
}
