package io.github.chainrule.safetensors;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds raw safetensors bytes by hand, so tests can craft files the writer would refuse. */
final class SafeTensorsTestFiles {

    private SafeTensorsTestFiles() {
    }

    /** A file whose length field matches the UTF-8 header exactly. */
    static byte[] file(String headerJson, byte[] data) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        return file(header.length, header, data);
    }

    /** A file with an arbitrary (possibly lying) length field. */
    static byte[] file(long lengthField, byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(lengthField).put(header).put(data);
        return b.array();
    }

    /** Little-endian F64 bytes. */
    static byte[] f64(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** Little-endian F32 bytes. */
    static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** {@code n} zero bytes. */
    static byte[] zeros(int n) {
        return new byte[n];
    }

    /** One header entry, e.g. {@code "w":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}. */
    static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
                + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    /**
     * Asserts that reading fails with a format exception whose message contains every fragment.
     *
     * @return the message, for further checks
     */
    static String assertRefused(byte[] bytes, String... fragments) {
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class,
                () -> SafeTensors.read(bytes));
        String message = e.getMessage();
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment),
                    () -> "message <" + message + "> lacks <" + fragment + ">");
        }
        return message;
    }
}
