package io.github.chainrule.autodiff;

/** NumPy-like text for tensors: nested brackets, aligned values, long tensors elided. */
final class TensorFormat {
    private static final int EDGE_ITEMS = 3;
    private static final int SUMMARY_THRESHOLD = 1000;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        StringBuilder text = new StringBuilder("tensor(");
        if (t.shape.length == 0) {
            text.append(number(t.data[0]));
        } else {
            boolean summarise = t.data.length > SUMMARY_THRESHOLD;
            append(text, t, 0, 0, summarise, "tensor(".length());
        }
        if (t.shape.length != 1 || t.data.length == 0) {
            text.append(", shape=").append(Shapes.str(t.shape));
        }
        if (t.needsGrad()) {
            text.append(t.isLeaf() ? ", requiresGrad" : ", op=" + t.op());
        }
        return text.append(')').toString();
    }

    private static void append(StringBuilder text, Tensor t, int axis, int offset, boolean summarise, int indent) {
        int length = t.shape[axis];
        int stride = Shapes.inner(t.shape, axis);
        text.append('[');
        for (int i = 0; i < length; i++) {
            if (summarise && length > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                text.append(axis == t.shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + axis + 1));
                i = length - EDGE_ITEMS - 1;
                continue;
            }
            if (axis == t.shape.length - 1) {
                text.append(number(t.data[offset + i]));
            } else {
                append(text, t, axis + 1, offset + i * stride, summarise, indent);
            }
            if (i < length - 1) {
                text.append(axis == t.shape.length - 1 ? ", " : ",\n" + " ".repeat(indent + axis + 1));
            }
        }
        text.append(']');
    }

    /** Like NumPy: {@code 1.}, {@code 0.5}, {@code 1.2346e+05}. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e16) {
            return (long) v + ".";
        }
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-4 && magnitude < 1e8) {
            String s = String.format(java.util.Locale.ROOT, "%.4f", v);
            s = s.replaceAll("0+$", "");
            return s;
        }
        return String.format(java.util.Locale.ROOT, "%.4e", v);
    }
}
