package io.github.chainrule.safetensors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser for exactly what a safetensors header needs: objects, arrays, strings
 * and integers.
 *
 * <p>The header is hostile input, so the parser is deliberately small and refuses anything a
 * valid header never contains: {@code true}, {@code false}, {@code null}, fractions and
 * exponents, duplicate object keys (a second {@code "w"} entry must not silently replace the
 * first), unpaired UTF-16 surrogates in escapes, nesting deeper than {@value #MAX_DEPTH},
 * arrays longer than {@value #MAX_ARRAY_LENGTH} (a shape is a handful of dims) and more than
 * {@value #MAX_VALUES} values in all, which bounds the heap a 100 MB header can claim. It
 * recurses, but the depth limit keeps the stack shallow. Every failure is a
 * {@link SafeTensorsFormatException} naming the character position.
 *
 * <p>Values come back as {@code Map<String, Object>} (insertion-ordered), {@code List<Object>},
 * {@code String} and {@code Long}.
 */
final class HeaderJson {

    /** A header is three levels deep (root, tensor, shape); a little slack costs nothing. */
    static final int MAX_DEPTH = 8;
    /** Far above any real tensor rank, far below what could exhaust memory. */
    static final int MAX_ARRAY_LENGTH = 1024;
    /** Bounds the parsed tree to a few hundred MB of heap even for a 100 MB header. */
    static final int MAX_VALUES = 4_000_000;

    private final String text;
    private int pos;
    private int values;

    private HeaderJson(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON value, allowing only JSON whitespace after it.
     *
     * @param text the decoded header
     * @return the value: a {@code Map}, {@code List}, {@code String} or {@code Long}
     * @throws SafeTensorsFormatException if the text is not strict JSON within this parser's
     *     limits
     */
    static Object parse(String text) throws SafeTensorsFormatException {
        HeaderJson parser = new HeaderJson(text);
        Object value = parser.value(1);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected " + parser.describeCurrent()
                    + " after the end of the JSON header (trailing garbage)");
        }
        return value;
    }

    private Object value(int depth) throws SafeTensorsFormatException {
        skipWhitespace();
        if (++values > MAX_VALUES) {
            throw error("header has more than " + MAX_VALUES + " JSON values");
        }
        if (pos >= text.length()) {
            throw error("JSON header ends where a value was expected");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
            case 'f':
            case 'n':
                throw error("JSON literals true/false/null are not allowed in a safetensors header");
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return integer();
                }
                throw error("unexpected " + describeCurrent() + " where a JSON value was expected");
        }
    }

    private Map<String, Object> object(int depth) throws SafeTensorsFormatException {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a quoted key in JSON object but found " + describeCurrent());
            }
            int keyStart = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            Object member = value(depth + 1);
            if (members.putIfAbsent(key, member) != null) {
                // Report where the duplicate key starts, not where its value ended.
                pos = keyStart;
                throw error("duplicate key " + UntrustedText.quote(key)
                        + " (tensor names and metadata keys must be unique)");
            }
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return members;
            } else {
                throw error("expected ',' or '}' in JSON object but found " + describeCurrent());
            }
        }
    }

    private List<Object> array(int depth) throws SafeTensorsFormatException {
        checkDepth(depth);
        pos++; // '['
        List<Object> elements = new ArrayList<>(4);
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(elements);
        }
        while (true) {
            if (elements.size() == MAX_ARRAY_LENGTH) {
                throw error("JSON array has more than " + MAX_ARRAY_LENGTH + " elements");
            }
            elements.add(value(depth + 1));
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return Collections.unmodifiableList(elements);
            } else {
                throw error("expected ',' or ']' in JSON array but found " + describeCurrent());
            }
        }
    }

    private String string() throws SafeTensorsFormatException {
        int start = pos;
        pos++; // opening quote
        StringBuilder out = null; // only allocated once an escape forces a copy
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated JSON string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = out == null ? text.substring(runStart, pos)
                        : out.append(text, runStart, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error(String.format("unescaped control character U+%04X in JSON string", (int) c));
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder();
            }
            out.append(text, runStart, pos);
            pos++;
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated JSON string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u': out.append(unicodeEscape()); break;
                default:
                    pos -= 2;
                    throw error("invalid escape " + UntrustedText.quote("\\" + e) + " in JSON string");
            }
            runStart = pos;
        }
    }

    /** Decodes the hex digits after {@code \\u}, pairing surrogates so the result is valid UTF-16. */
    private String unicodeEscape() throws SafeTensorsFormatException {
        char first = hex4();
        if (Character.isLowSurrogate(first)) {
            throw error(String.format("unpaired low surrogate \\u%04X in JSON string", (int) first));
        }
        if (!Character.isHighSurrogate(first)) {
            return String.valueOf(first);
        }
        if (pos + 1 < text.length() && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
            pos += 2;
            char second = hex4();
            if (Character.isLowSurrogate(second)) {
                return new String(new char[] {first, second});
            }
        }
        throw error(String.format("unpaired high surrogate \\u%04X in JSON string", (int) first));
    }

    private char hex4() throws SafeTensorsFormatException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape in JSON string");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            // Character.digit accepts non-ASCII digits too; JSON allows only [0-9a-fA-F].
            if (d < 0 || text.charAt(pos + i) > 'f') {
                throw error("invalid hex digit in \\u escape: "
                        + UntrustedText.quote(text.substring(pos, pos + 4)));
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Long integer() throws SafeTensorsFormatException {
        int start = pos;
        boolean negative = false;
        if (text.charAt(pos) == '-') {
            negative = true;
            pos++;
        }
        int digitsStart = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == digitsStart) {
            pos = start;
            throw error("'-' not followed by a digit");
        }
        if (text.charAt(digitsStart) == '0' && pos - digitsStart > 1) {
            pos = start;
            throw error("number with a leading zero: " + numberToken(start));
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e'
                || text.charAt(pos) == 'E')) {
            pos = start;
            throw error("only integers are allowed in a safetensors header, found "
                    + numberToken(start));
        }
        // Accumulate negatively so that Long.MIN_VALUE parses; overflow is a format error,
        // never a NumberFormatException.
        long v = 0;
        for (int i = digitsStart; i < pos; i++) {
            int d = text.charAt(i) - '0';
            if (v < (Long.MIN_VALUE + d) / 10) {
                pos = start;
                throw error("integer too large: " + numberToken(start));
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                pos = start;
                throw error("integer too large: " + numberToken(start));
            }
            v = -v;
        }
        return v;
    }

    /** The number-like characters from {@code start}, quoted, for an error message. */
    private String numberToken(int start) {
        int end = start;
        while (end < text.length() && "+-.0123456789eE".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        return UntrustedText.quote(text.substring(start, end));
    }

    private void checkDepth(int depth) throws SafeTensorsFormatException {
        if (depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char c) throws SafeTensorsFormatException {
        if (peek() != c) {
            throw error("expected '" + c + "' but found " + describeCurrent());
        }
        pos++;
    }

    /** The current char, or NUL at the end; callers then fail on it with a clear message. */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describeCurrent() {
        if (pos >= text.length()) {
            return "end of header";
        }
        return UntrustedText.quote(String.valueOf(text.charAt(pos)));
    }

    private SafeTensorsFormatException error(String problem) {
        return new SafeTensorsFormatException("invalid safetensors header JSON at character "
                + pos + ": " + problem);
    }
}
