package io.github.chainrule.safetensors;

/**
 * Formats untrusted text for error messages: a hostile file may use a 100 MB tensor name or
 * one full of control characters and terminal escape codes, and neither should end up
 * verbatim in a log. Code that reports names read from a file (such as a checkpoint loader
 * comparing them with a model) quotes them with {@link #quote(String)}.
 */
public final class UntrustedText {

    /** Longest excerpt of an untrusted string shown in a message, in chars. */
    public static final int MAX_SHOWN = 80;

    private UntrustedText() {
    }

    /**
     * Quotes a string for a message, escaping control characters and quotes and cutting it to
     * {@value #MAX_SHOWN} characters with a note of the full length.
     *
     * @param s the untrusted text
     * @return {@code s} in single quotes, with control characters, quotes and backslashes as
     *     four-digit Unicode escapes, cut after {@value #MAX_SHOWN} characters with the full
     *     length noted
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_SHOWN) + 16).append('\'');
        int shown = Math.min(s.length(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\'' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (s.length() > MAX_SHOWN) {
            out.append("... (").append(s.length()).append(" chars)");
        }
        return out.toString();
    }
}
