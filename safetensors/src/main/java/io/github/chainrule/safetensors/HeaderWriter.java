package io.github.chainrule.safetensors;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the header bytes for a list of F64 arrays: compact JSON, tensors in list order with
 * consecutive offsets, {@code __metadata__} first when present, padded with spaces so the data
 * buffer starts 8-byte aligned (the spec's recommendation, which lets readers map doubles
 * directly).
 */
final class HeaderWriter {

    private HeaderWriter() {
    }

    /**
     * Encodes the header.
     *
     * @return UTF-8 bytes whose length is a multiple of 8
     * @throws IllegalArgumentException for duplicate or reserved names, unencodable strings, or
     *     a header above the format's size limit
     */
    static byte[] header(List<NamedArray> arrays, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder(64 + 80 * arrays.size()).append('{');
        boolean first = true;
        if (!metadata.isEmpty()) {
            json.append('"').append(HeaderValidator.METADATA_KEY).append("\":{");
            boolean firstMeta = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("metadata keys and values must not be null,"
                            + " found " + e.getKey() + "=" + e.getValue());
                }
                if (!firstMeta) {
                    json.append(',');
                }
                firstMeta = false;
                string(json, e.getKey());
                json.append(':');
                string(json, e.getValue());
            }
            json.append('}');
            first = false;
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (NamedArray a : arrays) {
            if (a.name().equals(HeaderValidator.METADATA_KEY)) {
                throw new IllegalArgumentException("array name '" + HeaderValidator.METADATA_KEY
                        + "' is reserved for the metadata");
            }
            if (!names.add(a.name())) {
                throw new IllegalArgumentException("duplicate array name '" + a.name() + "'");
            }
            long end = offset + 8L * a.size();
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, a.name());
            json.append(":{\"dtype\":\"F64\",\"shape\":")
                    .append(Arrays.toString(a.shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(end)
                    .append("]}");
            offset = end;
        }
        json.append('}');
        byte[] utf8 = encode(json);
        int padded = (utf8.length + 7) & ~7;
        if (padded > SafeTensorsReader.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("header would be " + padded
                    + " bytes, above the format's limit of " + SafeTensorsReader.MAX_HEADER_BYTES);
        }
        byte[] out = Arrays.copyOf(utf8, padded);
        Arrays.fill(out, utf8.length, padded, (byte) ' ');
        return out;
    }

    /** Strict encoding: an unpaired surrogate in a name would otherwise become a silent '?'. */
    private static byte[] encode(CharSequence json) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(json));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a tensor name or metadata string contains an "
                    + "unpaired UTF-16 surrogate and cannot be written as UTF-8", e);
        }
    }

    /** Appends a JSON string literal, escaping what JSON requires and nothing more. */
    private static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': json.append("\\\""); break;
                case '\\': json.append("\\\\"); break;
                case '\n': json.append("\\n"); break;
                case '\r': json.append("\\r"); break;
                case '\t': json.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
        json.append('"');
    }
}
