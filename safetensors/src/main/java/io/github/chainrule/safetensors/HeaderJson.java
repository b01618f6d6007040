package io.github.chainrule.safetensors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * <p>The text is read once, front to back, from a {@link HeaderChars}, and the root object's
 * members are handed to a {@link MemberHandler} one at a time as they are parsed: the parser
 * holds one tensor's small tree at once, never the whole header, so memory stays proportional
 * to what the caller keeps of each member. Values come back as {@code Map<String, Object>}
 * (insertion-ordered), {@code List<Object>}, {@code String} and {@code Long}.
 */
final class HeaderJson {

    /** A header is three levels deep (root, tensor, shape); a little slack costs nothing. */
    static final int MAX_DEPTH = 8;
    /** Far above any real tensor rank, far below what could exhaust memory. */
    static final int MAX_ARRAY_LENGTH = 1024;
    /** Bounds the parsed entries to a few hundred MB of heap even for a 100 MB header. */
    static final int MAX_VALUES = 4_000_000;
    /** Digits shown of a malformed number; more say nothing. */
    private static final int MAX_TOKEN = 40;

    /** Receives the root object's members in header order. */
    interface MemberHandler {
        /**
         * One member of the root object.
         *
         * @param key its key, unique among the root's keys
         * @param value its parsed value
         * @throws SafeTensorsFormatException to refuse the member
         */
        void member(String key, Object value) throws SafeTensorsFormatException;
    }

    private final HeaderChars text;
    private int values;

    private HeaderJson(HeaderChars text) {
        this.text = text;
    }

    /**
     * Parses a root JSON object, allowing only JSON whitespace after it, and hands each member
     * to {@code handler} as soon as it is parsed.
     *
     * @param text the header's characters, starting at its opening brace
     * @param handler receives the members
     * @throws SafeTensorsFormatException if the text is not strict JSON within this parser's
     *     limits, or the handler refuses a member
     * @throws IOException if the source fails
     */
    static void parseObject(HeaderChars text, MemberHandler handler) throws IOException {
        HeaderJson parser = new HeaderJson(text);
        parser.skipWhitespace();
        if (text.peek() != '{') {
            throw parser.error("the header is not a JSON object");
        }
        parser.values++;
        parser.members(1, handler);
        parser.skipWhitespace();
        if (!text.atEnd()) {
            throw parser.error("unexpected " + parser.describeCurrent()
                    + " after the end of the JSON header (trailing garbage)");
        }
    }

    private Object value(int depth) throws IOException {
        skipWhitespace();
        if (++values > MAX_VALUES) {
            throw error("header has more than " + MAX_VALUES + " JSON values");
        }
        if (text.atEnd()) {
            throw error("JSON header ends where a value was expected");
        }
        char c = text.peek();
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

    private Map<String, Object> object(int depth) throws IOException {
        Map<String, Object> members = new LinkedHashMap<>();
        members(depth, members::put);
        return members;
    }

    /** Parses an object's members, handing each to {@code handler}; keys must be unique. */
    private void members(int depth, MemberHandler handler) throws IOException {
        checkDepth(depth);
        text.next(); // '{'
        Set<String> keys = new HashSet<>();
        skipWhitespace();
        if (text.peek() == '}') {
            text.next();
            return;
        }
        while (true) {
            skipWhitespace();
            if (text.peek() != '"') {
                throw error("expected a quoted key in JSON object but found " + describeCurrent());
            }
            long keyStart = text.position();
            String key = string();
            if (!keys.add(key)) {
                throw error(keyStart, "duplicate key " + UntrustedText.quote(key)
                        + " (tensor names and metadata keys must be unique)");
            }
            skipWhitespace();
            expect(':');
            handler.member(key, value(depth + 1));
            if (endOfMembers('}')) {
                return;
            }
        }
    }

    private List<Object> array(int depth) throws IOException {
        checkDepth(depth);
        text.next(); // '['
        List<Object> elements = new ArrayList<>(4);
        skipWhitespace();
        if (text.peek() == ']') {
            text.next();
            return Collections.unmodifiableList(elements);
        }
        while (true) {
            if (elements.size() == MAX_ARRAY_LENGTH) {
                throw error("JSON array has more than " + MAX_ARRAY_LENGTH + " elements");
            }
            elements.add(value(depth + 1));
            if (endOfMembers(']')) {
                return Collections.unmodifiableList(elements);
            }
        }
    }

    /** After a member: consumes ',' (false) or the closing bracket (true); anything else fails. */
    private boolean endOfMembers(char close) throws IOException {
        skipWhitespace();
        char c = text.peek();
        if (c == ',') {
            text.next();
            return false;
        }
        if (c == close && !text.atEnd()) {
            text.next();
            return true;
        }
        String what = close == '}' ? "object" : "array";
        throw error("expected ',' or '" + close + "' in JSON " + what + " but found " + describeCurrent());
    }

    private String string() throws IOException {
        long start = text.position();
        text.next(); // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (text.atEnd()) {
                throw error(start, "unterminated JSON string");
            }
            char c = text.peek();
            if (c == '"') {
                text.next();
                return out.toString();
            }
            if (c < 0x20) {
                throw error(String.format("unescaped control character U+%04X in JSON string", (int) c));
            }
            text.next();
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (text.atEnd()) {
                throw error(start, "unterminated JSON string");
            }
            long escapeStart = text.position() - 1;
            char e = text.next();
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u': unicodeEscape(out); break;
                default:
                    throw error(escapeStart, "invalid escape " + UntrustedText.quote("\\" + e)
                            + " in JSON string");
            }
        }
    }

    /** Decodes the hex digits after {@code \\u}, pairing surrogates so the result is valid UTF-16. */
    private void unicodeEscape(StringBuilder out) throws IOException {
        char first = hex4();
        if (Character.isLowSurrogate(first)) {
            throw error(String.format("unpaired low surrogate \\u%04X in JSON string", (int) first));
        }
        if (!Character.isHighSurrogate(first)) {
            out.append(first);
            return;
        }
        if (text.peek() == '\\') {
            text.next();
            if (text.peek() == 'u') {
                text.next();
                char second = hex4();
                if (Character.isLowSurrogate(second)) {
                    out.append(first).append(second);
                    return;
                }
            }
        }
        throw error(String.format("unpaired high surrogate \\u%04X in JSON string", (int) first));
    }

    private char hex4() throws IOException {
        long start = text.position();
        StringBuilder digits = new StringBuilder(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            if (text.atEnd()) {
                throw error(start, "truncated \\u escape in JSON string");
            }
            char c = text.next();
            digits.append(c);
            int d = Character.digit(c, 16);
            // Character.digit accepts non-ASCII digits too; JSON allows only [0-9a-fA-F].
            if (d < 0 || c > 'f') {
                throw error(start, "invalid hex digit in \\u escape: " + UntrustedText.quote(digits.toString()));
            }
            v = v * 16 + d;
        }
        return (char) v;
    }

    private Long integer() throws IOException {
        long start = text.position();
        StringBuilder token = new StringBuilder();
        boolean negative = false;
        if (text.peek() == '-') {
            negative = true;
            token.append(text.next());
        }
        // Accumulate negatively so that Long.MIN_VALUE parses; overflow is a format error,
        // never a NumberFormatException.
        long v = 0;
        int digits = 0;
        boolean overflow = false;
        while (!text.atEnd() && text.peek() >= '0' && text.peek() <= '9') {
            int d = text.next() - '0';
            if (digits++ < MAX_TOKEN) {
                token.append((char) ('0' + d));
            }
            if (v < (Long.MIN_VALUE + d) / 10) {
                overflow = true;
                break;
            }
            v = v * 10 - d;
        }
        if (digits == 0) {
            throw error(start, "'-' not followed by a digit");
        }
        if (token.charAt(negative ? 1 : 0) == '0' && digits > 1) {
            throw error(start, "number with a leading zero: " + numberToken(token));
        }
        if (!overflow && !text.atEnd() && (text.peek() == '.' || text.peek() == 'e' || text.peek() == 'E')) {
            throw error(start, "only integers are allowed in a safetensors header, found "
                    + numberToken(token));
        }
        if (!overflow && !negative && v == Long.MIN_VALUE) {
            overflow = true;
        }
        if (overflow) {
            throw error(start, "integer too large: " + numberToken(token));
        }
        return negative ? v : -v;
    }

    /** The number read so far and the number-like characters after it, quoted for a message. */
    private String numberToken(StringBuilder token) throws IOException {
        while (token.length() < MAX_TOKEN && !text.atEnd() && "+-.0123456789eE".indexOf(text.peek()) >= 0) {
            token.append(text.next());
        }
        return UntrustedText.quote(token.toString());
    }

    private void checkDepth(int depth) throws SafeTensorsFormatException {
        if (depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char c) throws IOException {
        if (text.peek() != c || text.atEnd()) {
            throw error("expected '" + c + "' but found " + describeCurrent());
        }
        text.next();
    }

    private void skipWhitespace() throws IOException {
        while (!text.atEnd()) {
            char c = text.peek();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            text.next();
        }
    }

    private String describeCurrent() throws IOException {
        if (text.atEnd()) {
            return "end of header";
        }
        return UntrustedText.quote(String.valueOf(text.peek()));
    }

    private SafeTensorsFormatException error(String problem) {
        return error(text.position(), problem);
    }

    private static SafeTensorsFormatException error(long position, String problem) {
        return new SafeTensorsFormatException("invalid safetensors header JSON at character "
                + position + ": " + problem);
    }
}
